package io.wxrelay.kit.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service reaches Redis.
 *
 * @param url {@code REDIS_URL}, default {@value #DEFAULT_URL} ({@code rediss://} for TLS; user,
 *     password and database number in the URL as usual), or the first line of the file {@code
 *     REDIS_URL_FILE} names (a mounted secret: the password stays out of the environment)
 * @param maxConnections {@code REDIS_POOL_MAX}, default 32 (or the service's own)
 * @param timeout {@code REDIS_TIMEOUT}, connect and socket timeout, default 2s
 * @param caFile {@code REDIS_CA_FILE}: PEM certificates a {@code rediss://} server's certificate
 *     must chain to, instead of the JVM's truststore (the host name is verified either way)
 */
public record RedisSettings(URI url, int maxConnections, Duration timeout, Optional<Path> caFile) {
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  public static final String CA_FILE = "REDIS_CA_FILE";
  public static final String URL_FILE = "REDIS_URL_FILE";

  public RedisSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(caFile, "caFile");
  }

  /** Without a CA file of its own: a {@code rediss://} server is checked against the JVM's. */
  public RedisSettings(URI url, int maxConnections, Duration timeout) {
    this(url, maxConnections, timeout, Optional.empty());
  }

  public static RedisSettings fromEnv(Env env) {
    return fromEnv(env, 32);
  }

  /**
   * As {@link #fromEnv(Env)}, for a service whose default pool is {@code defaultMaxConnections}.
   */
  public static RedisSettings fromEnv(Env env, int defaultMaxConnections) {
    URI url = url(env);
    return new RedisSettings(
        url,
        env.integer("REDIS_POOL_MAX", defaultMaxConnections, 1, 1024),
        env.duration("REDIS_TIMEOUT", Duration.ofSeconds(2)),
        caFile(env, url));
  }

  /** {@code REDIS_URL}, or the URL in the file {@code REDIS_URL_FILE} names (not both). */
  private static URI url(Env env) {
    Optional<String> file = env.optional(URL_FILE);
    if (file.isEmpty()) {
      return env.uri("REDIS_URL", DEFAULT_URL, "redis", "rediss");
    }
    if (env.optional("REDIS_URL").isPresent()) {
      throw new ConfigException(URL_FILE, "and REDIS_URL are both set; set one");
    }
    String line = SecretFile.firstLine(URL_FILE, Path.of(file.get()));
    return Env.of(Map.of(URL_FILE, line)).uri(URL_FILE, DEFAULT_URL, "redis", "rediss");
  }

  /** {@code REDIS_CA_FILE}: a readable file, and only for a TLS URL (else it would be ignored). */
  private static Optional<Path> caFile(Env env, URI url) {
    Optional<Path> file = env.optional(CA_FILE).map(Path::of);
    if (file.isEmpty()) {
      return file;
    }
    Path path = file.get().toAbsolutePath();
    if (!"rediss".equalsIgnoreCase(url.getScheme())) {
      throw new ConfigException(
          CA_FILE, "is set (" + path + ") but REDIS_URL is not a rediss:// (TLS) URL");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(CA_FILE, "file " + path + " does not exist or is not readable");
    }
    return Optional.of(path);
  }

  /** Whether the connection is TLS ({@code rediss://}). */
  public boolean tls() {
    return "rediss".equalsIgnoreCase(url.getScheme());
  }

  /**
   * Scheme, host and port only (and the CA file, if any), for logs: the URL may carry a password.
   */
  public String describe() {
    return url.getScheme()
        + "://"
        + url.getHost()
        + ":"
        + (url.getPort() < 0 ? 6379 : url.getPort())
        + caFile.map(f -> " (CA " + f + ")").orElse("");
  }

  /** As {@link #describe()}: a record's own {@code toString} would print the URL's password. */
  @Override
  public String toString() {
    return "RedisSettings["
        + describe()
        + ", maxConnections="
        + maxConnections
        + ", timeout="
        + timeout
        + "]";
  }
}
