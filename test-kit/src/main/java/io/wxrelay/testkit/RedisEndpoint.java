package io.wxrelay.testkit;

import java.net.URI;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

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
