package io.wxrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A TLS-only Redis with ACL users (docs/security.md, "Redis") of one test's own: {@code
 * scripts/redis.sh start-secure} on a free loopback port, its folder (certificates, users, log)
 * under {@code target/}. Each service's user gets its {@code REDIS_URL} and {@code REDIS_CA_FILE}
 * from {@link #env(User)}, ready for a child JVM's environment or {@code Env.of(...)}. {@link
 * #close()} stops the redis-server it started, by the PID its script wrote.
 */
public final class SecureRedis implements AutoCloseable {
  private static final Duration START_BOUND = Duration.ofSeconds(60);
  private static final Duration STOP_BOUND = Duration.ofSeconds(10);

  /** The ACL users {@code scripts/redis.sh} makes; {@link #id()} is the Redis user name. */
  public enum User {
    ADMIN,
    TOKEN_SERVICE,
    GATEWAY,
    WORKER,
    CLI;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final int port;
  private final Path dir;
  private final long pid;

  private SecureRedis(int port, Path dir, long pid) {
    this.port = port;
    this.dir = dir;
    this.pid = pid;
  }

  /**
   * Starts a new one on a free port, failing with the script's output when it cannot (e.g. no
   * redis-server or openssl: the script says how to install them).
   */
  public static SecureRedis start() {
    int port = FreePort.next();
    Path dir =
        Path.of("target", "secure-redis-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    Shell.Run run =
        Shell.run(
            Map.of("REDIS_SECURE_PORT", Integer.toString(port), "REDIS_SECURE_DIR", dir.toString()),
            START_BOUND,
            "scripts/redis.sh",
            "start-secure");
    if (run.exitCode() != 0) {
      throw new IllegalStateException("the secure Redis did not start:\n" + run.transcript());
    }
    return new SecureRedis(port, dir, readPid(dir.resolve("redis.pid")));
  }

  /** {@code user}'s {@code rediss://user:password@127.0.0.1:port} URL; never log it whole. */
  public URI url(User user) {
    try {
      return URI.create(Files.readString(dir.resolve("users").resolve(user.id() + ".url")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("no URL for Redis user " + user.id(), e);
    }
  }

  /** The CA certificate (PEM) the server's certificate chains to: {@code REDIS_CA_FILE}. */
  public Path caFile() {
    return dir.resolve("tls").resolve("ca.crt");
  }

  /** {@code REDIS_URL} and {@code REDIS_CA_FILE} for a service running as {@code user}. */
  public Map<String, String> env(User user) {
    return Map.of("REDIS_URL", url(user).toString(), "REDIS_CA_FILE", caFile().toString());
  }

  /** The TLS port (there is no plaintext one). */
  public int port() {
    return port;
  }

  /** The redis-server's PID, from its PID file. */
  public long pid() {
    return pid;
  }

  /** Its log, for failure messages. */
  public Path log() {
    return dir.resolve("redis.log");
  }

  /**
   * Stops the redis-server it started (SIGTERM, then SIGKILL). Its users' URL files stay (0600,
   * under target/): scripts/test.sh checks that none of their passwords reached the test output.
   */
  @Override
  public void close() {
    ProcessHandle.of(pid)
        .ifPresent(
            process -> {
              process.destroy();
              try {
                process.onExit().get(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
              } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
              } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
              }
            });
  }

  private static long readPid(Path pidFile) {
    try {
      return Long.parseLong(Files.readString(pidFile).trim());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("the secure Redis left no PID in " + pidFile, e);
    }
  }

  /** The port only: its URLs carry passwords. */
  @Override
  public String toString() {
    return "secure Redis on TLS port " + port + " (pid " + pid + ")";
  }
}
