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
    UNAVAILABLE,
    /**
     * The signed query string was used before with another body: a forgery built on a captured
     * signature. Refuse it.
     */
    REPLAYED
  }

  /**
   * One use of a signed query string: {@code key} names (appid, timestamp, nonce, signature),
   * {@code fingerprint} the body it came with; remembered for {@code window}, the time a timestamp
   * is accepted in. WeChat's retry of a push comes with the same body (the same fingerprint).
   */
  record SignatureUse(String key, String fingerprint, Duration window) {}

  /**
   * Claims {@code key} for publishing (the claim lapses after {@code pendingFor}) and records
   * {@code use} in the same round trip: {@link Claim#REPLAYED} if its signature came before with
   * another body.
   */
  CompletableFuture<Claim> claim(String key, Duration pendingFor, SignatureUse use);

  /** Kafka has it: remember for {@code window}. */
  void done(String key, Duration window);

  /** The publish failed: let WeChat's retry through. */
  void release(String key);

  /**
   * Whether the caller is the thread that completes this store's claims, where a send may run while
   * Kafka cannot make it wait ({@code SendLane}). None by default.
   */
  default boolean onItsThread() {
    return false;
  }
}
