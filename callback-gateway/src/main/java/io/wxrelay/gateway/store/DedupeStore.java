package io.wxrelay.gateway.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Which pushes the gateway has published, so that WeChat's retries of one are acknowledged without
 * publishing it again ({@link RedisDedupeStore}). Every call is best effort: a store that cannot
 * answer says {@link Claim#UNAVAILABLE} and the push is published anyway (consumers dedupe by id).
 */
public interface DedupeStore {
  /** What a claim found. */
  enum Claim {
    /** Ours to publish. */
    CLAIMED,
    /** Published before: acknowledge without publishing again. */
    DONE,
    /** Another request is publishing it right now. */
    PENDING,
    /** The store did not answer: publish anyway. */
    UNAVAILABLE
  }

  /** Claims {@code key} for publishing; the claim lapses after {@code pendingFor}. */
  CompletableFuture<Claim> claim(String key, Duration pendingFor);

  /** Kafka has it: remember for {@code window}. */
  void done(String key, Duration window);

  /** The publish failed: let WeChat's retry through. */
  void release(String key);
}
