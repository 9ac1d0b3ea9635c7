package io.wxrelay.gateway.store;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import java.time.Duration;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Which events were already published, across gateway replicas: a key per event id, claimed as
 * {@code pending} before publishing and marked {@code done} (for the dedupe window) only after
 * Kafka acknowledged, so a failed publish never hides WeChat's retry.
 */
public final class RedisDedupeStore implements AutoCloseable {
  /** What a claim found. */
  public enum Claim {
    /** Ours to publish. */
    CLAIMED,
    /** Published before: acknowledge without publishing again. */
    DONE,
    /** Another request is publishing it right now. */
    PENDING,
    /** Redis did not answer: publish anyway (consumers dedupe by id). */
    UNAVAILABLE
  }

  private static final String DONE = "done";

  private final RedisClient redis;
  private final String prefix;

  private RedisDedupeStore(RedisClient redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  public static RedisDedupeStore connect(RedisSettings settings, String prefix) {
    return new RedisDedupeStore(RedisClients.create(settings), prefix);
  }

  public Claim claim(String key, Duration pendingFor) {
    try {
      if ("OK"
          .equals(
              redis.set(
                  prefix + key, "pending", SetParams.setParams().nx().px(pendingFor.toMillis())))) {
        return Claim.CLAIMED;
      }
      return DONE.equals(redis.get(prefix + key)) ? Claim.DONE : Claim.PENDING;
    } catch (RuntimeException e) {
      return Claim.UNAVAILABLE;
    }
  }

  /** Kafka has it: remember for {@code window}. Best effort. */
  public void done(String key, Duration window) {
    try {
      redis.set(prefix + key, DONE, SetParams.setParams().px(window.toMillis()));
    } catch (RuntimeException e) {
      // the event is safely in Kafka; a retry may be published twice, consumers dedupe by id
    }
  }

  /**
   * The publish failed: let WeChat's retry through. Best effort (the pending key expires anyway).
   */
  public void release(String key) {
    try {
      redis.del(prefix + key);
    } catch (RuntimeException e) {
      // expires by itself
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
