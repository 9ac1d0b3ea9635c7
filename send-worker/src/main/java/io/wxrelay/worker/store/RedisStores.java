package io.wxrelay.worker.store;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.kit.redis.RedisPipeline;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The worker's Redis state on one pooled client: ledger, rate limiter, correlations, menu keys. The
 * ledger, which every command visits three times, sends through a {@link RedisPipeline}; the rate
 * limiter's scripts, whose timing the limit depends on, each take their own round trip.
 */
public final class RedisStores implements AutoCloseable {
  private final RedisClient redis;
  private final RedisPipeline pipeline;
  private final RedisCommandLedger ledger;
  private final RedisRateLimiter rateLimiter;
  private final RedisCorrelations correlations;
  private final RedisMenuKeys menuKeys;

  private RedisStores(
      RedisClient redis,
      Duration timeout,
      String prefix,
      Duration resultTtl,
      Duration deadResultTtl,
      Duration claimTtl,
      Duration orderHold,
      int sendTolerance) {
    this.redis = redis;
    this.pipeline = new RedisPipeline(redis, "worker-ledger", timeout);
    this.ledger =
        new RedisCommandLedger(pipeline, prefix, resultTtl, deadResultTtl, claimTtl, orderHold);
    this.rateLimiter = new RedisRateLimiter(redis, prefix, sendTolerance);
    this.correlations = new RedisCorrelations(redis, prefix);
    this.menuKeys = new RedisMenuKeys(redis, prefix);
  }

  /**
   * The stores on a new pooled client to {@code settings.url()}, their keys under {@code prefix}.
   *
   * @param resultTtl how long done commands are remembered
   * @param deadResultTtl how long DEAD commands are remembered (as long as their dead letters)
   * @param claimTtl how long an abandoned claim is kept at most
   * @param orderHold how long a parked command holds its key's later commands without progress
   * @param sendTolerance the rate limiter's send-time tolerance, in spacings
   */
  public static RedisStores connect(
      RedisSettings settings,
      String prefix,
      Duration resultTtl,
      Duration deadResultTtl,
      Duration claimTtl,
      Duration orderHold,
      int sendTolerance) {
    return new RedisStores(
        RedisClients.create(settings),
        settings.timeout(),
        prefix,
        resultTtl,
        deadResultTtl,
        claimTtl,
        orderHold,
        sendTolerance);
  }

  public RedisCommandLedger ledger() {
    return ledger;
  }

  public RedisRateLimiter rateLimiter() {
    return rateLimiter;
  }

  public RedisCorrelations correlations() {
    return correlations;
  }

  public RedisMenuKeys menuKeys() {
    return menuKeys;
  }

  /**
   * Whether Redis writes an append-only file ({@code INFO persistence}), so that the ledger
   * survives a restart; empty when Redis does not say (a managed Redis may hide it). Snapshots
   * alone are not enough: they lose minutes of writes.
   */
  public Optional<Boolean> appendOnly() {
    try {
      String info = redis.info("persistence");
      return info.contains("aof_enabled:")
          ? Optional.of(info.contains("aof_enabled:1"))
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code failure} is Redis failing (no connection, a timeout, a refused write). */
  public static boolean isRedisFailure(Throwable failure) {
    return failure instanceof JedisException;
  }

  /** Whether Redis answers, for /health/ready. */
  public boolean reachable() {
    try {
      return "PONG".equals(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pipeline.close();
    redis.close();
  }
}
