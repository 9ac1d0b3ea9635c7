package io.wxrelay.kit.redis;

import io.wxrelay.kit.config.RedisSettings;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Builds the pooled Redis client a service shares, from {@code REDIS_URL} and friends. Jedis 7's
 * {@link RedisClient} is the pool: thread-safe, each command borrows and returns a connection
 * ({@code JedisPool} is deprecated since Jedis 7).
 */
public final class RedisClients {
  private RedisClients() {}

  /**
   * A client for {@code settings.url()}: user, password, database and TLS ({@code rediss://}) from
   * the URL, the server's certificate checked against {@code REDIS_CA_FILE} when set (else the
   * JVM's truststore) and its host name always verified; idle connections checked, borrowing waits
   * at most the timeout.
   */
  public static RedisClient create(RedisSettings settings) {
    URI uri = settings.url();
    int timeoutMillis = (int) settings.timeout().toMillis();
    var client =
        DefaultJedisClientConfig.builder()
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .database(JedisURIHelper.getDBIndex(uri))
            .connectionTimeoutMillis(timeoutMillis)
            .socketTimeoutMillis(timeoutMillis)
            .clientName("wxrelay");
    if (JedisURIHelper.isRedisSSLScheme(uri)) {
      client.sslOptions(
          settings.caFile().map(CaTrust::sslOptions).orElseGet(() -> SslOptions.builder().build()));
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(settings.maxConnections());
    pool.setMaxIdle(settings.maxConnections());
    pool.setMinIdle(Math.min(2, settings.maxConnections()));
    pool.setMaxWait(settings.timeout());
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
    return RedisClient.builder()
        .hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
        .clientConfig(client.build())
        .poolConfig(pool)
        .build();
  }
}
