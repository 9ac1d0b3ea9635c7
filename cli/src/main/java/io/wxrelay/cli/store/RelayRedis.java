package io.wxrelay.cli.store;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.token.store.RedisTokenStore;
import io.wxrelay.worker.store.RedisCommandLedger;
import java.time.Duration;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The relay's Redis as operators' commands see it: the workers' command ledger and token-service's
 * token store, under the prefixes the services use.
 */
public final class RelayRedis implements AutoCloseable {
  private final RedisClient redis;
  private final RedisCommandLedger ledger;
  private final RedisTokenStore tokens;

  private RelayRedis(RedisClient redis, RedisCommandLedger ledger, RedisTokenStore tokens) {
    this.redis = redis;
    this.ledger = ledger;
    this.tokens = tokens;
  }

  /** Connects and checks that Redis answers; a {@link CliError} when it does not. */
  public static RelayRedis connect(CliSettings settings) {
    RedisClient redis = RedisClients.create(settings.redis());
    try {
      redis.ping();
    } catch (JedisException e) {
      redis.close();
      throw new CliError(
          "Redis does not answer at "
              + settings.redis().describe()
              + " (start the relay with scripts/up.sh, or set REDIS_URL)",
          CliError.UNAVAILABLE);
    }
    // The ledger's TTLs matter only to claims and results, which operators' commands never make.
    RedisCommandLedger ledger =
        new RedisCommandLedger(
            redis,
            settings.workerRedisPrefix(),
            Duration.ofDays(1),
            Duration.ofDays(1),
            Duration.ofDays(1),
            Duration.ofDays(1));
    return new RelayRedis(
        redis, ledger, RedisTokenStore.connect(settings.redis(), settings.tokenRedisPrefix()));
  }

  public RedisCommandLedger ledger() {
    return ledger;
  }

  public RedisTokenStore tokens() {
    return tokens;
  }

  @Override
  public void close() {
    tokens.close();
    redis.close();
  }
}
