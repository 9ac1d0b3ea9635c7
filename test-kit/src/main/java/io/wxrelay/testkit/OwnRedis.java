package io.wxrelay.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A redis-server of one test's own on a free loopback port and a data folder under {@code target/},
 * for tests that kill Redis without touching the one every other test shares. Killed by the PID it
 * started. With its append-only file on (as {@code scripts/redis.sh} and compose run it), it comes
 * back with its data; without, empty.
 */
public final class OwnRedis implements AutoCloseable {
  private static final Duration BOUND = Duration.ofSeconds(30);

  private final int port;
  private final Path dir;
  private final boolean appendOnly;
  private Process process;

  private OwnRedis(int port, Path dir, boolean appendOnly) {
    this.port = port;
    this.dir = dir;
    this.appendOnly = appendOnly;
  }

  /**
   * Starts a new one, with its append-only file on or off; fails saying how to install redis-server
   * when it is not on the PATH.
   */
  public static OwnRedis start(boolean appendOnly) {
    Path dir =
        Path.of("target", "own-redis-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    OwnRedis redis = new OwnRedis(FreePort.next(), dir, appendOnly);
    redis.startAgain();
    return redis;
  }

  public URI url() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** As an endpoint for fixtures that take one. */
  public RedisEndpoint endpoint() {
    return new RedisEndpoint(url(), "this test's own redis-server");
  }

  /** Starts it (again) on its port and folder, and returns once it answers PING. */
  public void startAgain() {
    List<String> command =
        List.of(
            "redis-server",
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--appendonly",
            appendOnly ? "yes" : "no",
            "--save",
            "",
            "--daemonize",
            "no");
    try {
      Files.createDirectories(dir);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run redis-server ("
              + e.getMessage()
              + "): 'scripts/redis.sh start' installs it (Debian's package, as root)",
          e);
    }
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (true) {
      try (Jedis jedis = new Jedis(url(), 1000)) {
        if ("PONG".equals(jedis.ping())) {
          return;
        }
      } catch (JedisException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException(
              "redis-server on port " + port + " did not answer; see " + dir.resolve("redis.log"),
              e);
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  /** SIGKILL to the process it started: no shutdown, no last save. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill9();
    }
  }
}
