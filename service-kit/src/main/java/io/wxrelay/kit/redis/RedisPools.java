package io.wxrelay.kit.redis;

import io.wxrelay.kit.config.RedisSettings;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.util.JedisURIHelper;

/** Builds the Jedis pool a service shares, from {@code REDIS_URL} and friends. */
public final class RedisPools {
  private RedisPools() {}

  /**
   * A pool for {@code settings.url()}: user, password, database and TLS ({@code rediss://}) from
   * the URL; connections checked when idle, borrowing waits at most the timeout.
   */
  public static JedisPool create(RedisSettings settings) {
    var uri = settings.url();
    JedisClientConfig client =
        DefaultJedisClientConfig.builder()
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .database(JedisURIHelper.getDBIndex(uri))
            .ssl(JedisURIHelper.isRedisSSLScheme(uri))
            .connectionTimeoutMillis((int) settings.timeout().toMillis())
            .socketTimeoutMillis((int) settings.timeout().toMillis())
            .clientName("wxrelay")
            .build();
    JedisPoolConfig pool = new JedisPoolConfig();
    pool.setMaxTotal(settings.maxConnections());
    pool.setMaxIdle(settings.maxConnections());
    pool.setMinIdle(Math.min(2, settings.maxConnections()));
    pool.setMaxWait(settings.timeout());
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    return new JedisPool(pool, new HostAndPort(uri.getHost(), port), client);
  }
}
