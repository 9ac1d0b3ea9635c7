package io.wxrelay.cli.store;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.kit.redis.RedisPipeline;
import io.wxrelay.token.store.RedisTokenStore;
import io.wxrelay.worker.WorkerConfig;
import io.wxrelay.worker.dispatch.RetryPolicy;
import io.wxrelay.worker.ledger.OperatorLedger;
import io.wxrelay.worker.store.RedisCommandLedger;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The relay's Redis as operators' commands see it: the workers' command ledger (what an operator
 * may do to it) and token-service's token store, under the prefixes and with the TTLs the services
 * use.
 */
public final class RelayRedis implements AutoCloseable {
  private final RedisClient redis;
  private final CliSettings settings;
  private final RedisTokenStore tokens;
  private @Nullable RedisPipeline pipeline;
  private @Nullable OperatorLedger ledger;

  private RelayRedis(RedisClient redis, CliSettings settings, RedisTokenStore tokens) {
    this.redis = redis;
    this.settings = settings;
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
    return new RelayRedis(
        redis, settings, RedisTokenStore.connect(settings.redis(), settings.tokenRedisPrefix()));
  }

  /**
   * The ledger as the workers build it (SendWorker): their settings read from the same variables
   * with the same defaults, an abandoned claim kept the longest retry schedule and a lease.
   */
  private static RedisCommandLedger workerLedger(RedisPipeline redis, CliSettings settings) {
    WorkerConfig.Ledger ledger = WorkerConfig.Ledger.fromEnv(settings.env());
    RetryPolicy.Settings retry = RetryPolicy.Settings.fromEnv(settings.env());
    return new RedisCommandLedger(
        redis,
        ledger.redisPrefix(),
        ledger.resultTtl(),
        ledger.deadResultTtl(),
        retry.longestSchedule().plus(ledger.claimLease()),
        ledger.orderHold());
  }

  /**
   * The workers' ledger, built on first use: only the commands that touch it read the workers'
   * settings, so a worker variable out of line does not stop {@code token status}.
   */
  public OperatorLedger ledger() {
    if (ledger == null) {
      pipeline = new RedisPipeline(redis, "cli-ledger", settings.redis().timeout());
      ledger = workerLedger(pipeline, settings);
    }
    return ledger;
  }

  public RedisTokenStore tokens() {
    return tokens;
  }

  @Override
  public void close() {
    if (pipeline != null) {
      pipeline.close();
    }
    tokens.close();
    redis.close();
  }
}
