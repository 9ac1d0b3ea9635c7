package io.wxrelay.testkit;

import java.net.URI;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A real Redis for an integration test.
 *
 * @param url a {@code redis://} URL
 * @param origin where it came from, for messages ("REDIS_URL", "Testcontainers")
 */
public record RedisEndpoint(URI url, String origin) {

  /** A key prefix no other test run uses, so tests can share one Redis. */
  public String uniquePrefix(String name) {
    return "test:" + name + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /**
   * Deletes every key under {@code prefix} (from {@link #uniquePrefix}), so that a test's keys do
   * not stay in a shared Redis for as long as their TTL (a week, for results). Returns how many.
   */
  public long deleteUnder(String prefix) {
    if (!prefix.startsWith("test:")) {
      throw new IllegalArgumentException("only test prefixes are deleted: " + prefix);
    }
    long deleted = 0;
    try (Jedis jedis = new Jedis(url, 5000)) {
      ScanParams match = new ScanParams().match(prefix + "*").count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, match);
        if (!page.getResult().isEmpty()) {
          deleted += jedis.unlink(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return deleted;
  }

  /** Fails unless Redis answers PING. */
  void verifyReachable() {
    try (Jedis jedis = new Jedis(url, 5000)) {
      String pong = jedis.ping();
      if (!"PONG".equals(pong)) {
        throw new IllegalStateException("Redis at " + this + " answered " + pong + " to PING");
      }
    } catch (JedisException e) {
      throw new IllegalStateException(
          "Redis at "
              + this
              + " does not answer: "
              + e.getMessage()
              + ". "
              + Infrastructure.HOW_TO_START,
          e);
    }
  }

  /** Host and port only: a URL may carry a password. */
  @Override
  public String toString() {
    return url.getHost() + ":" + url.getPort() + " (" + origin + ")";
  }
}
