package io.wxrelay.kit.config;

import java.net.URI;
import java.time.Duration;

/**
 * How a service reaches Redis.
 *
 * @param url {@code REDIS_URL}, default {@value #DEFAULT_URL} ({@code rediss://} for TLS; user,
 *     password and database number in the URL as usual)
 * @param maxConnections {@code REDIS_POOL_MAX}, default 32 (or the service's own)
 * @param timeout {@code REDIS_TIMEOUT}, connect and socket timeout, default 2s
 */
public record RedisSettings(URI url, int maxConnections, Duration timeout) {
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  public static RedisSettings fromEnv(Env env) {
    return fromEnv(env, 32);
  }

  /**
   * As {@link #fromEnv(Env)}, for a service whose default pool is {@code defaultMaxConnections}.
   */
  public static RedisSettings fromEnv(Env env, int defaultMaxConnections) {
    return new RedisSettings(
        env.uri("REDIS_URL", DEFAULT_URL, "redis", "rediss"),
        env.integer("REDIS_POOL_MAX", defaultMaxConnections, 1, 1024),
        env.duration("REDIS_TIMEOUT", Duration.ofSeconds(2)));
  }

  /** Host and port only, for logs: the URL may carry a password. */
  public String describe() {
    return url.getScheme()
        + "://"
        + url.getHost()
        + ":"
        + (url.getPort() < 0 ? 6379 : url.getPort());
  }
}
