package io.wxrelay.token.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the replicas keep each account's token, refresh lock and force-refresh budget ({@link
 * RedisTokenStore}). Every check-and-change is atomic: a token is written only over the generation
 * the writer read, a lock is released only by its owner.
 */
public interface TokenStore {
  Optional<StoredToken> read(String appid);

  /**
   * Writes a new token if the stored generation is still {@code expectedGeneration} (0 when there
   * was none). Returns the new generation, or empty when someone else wrote first.
   */
  Optional<Long> writeIfCurrent(
      String appid,
      long expectedGeneration,
      String token,
      Instant obtainedAt,
      Instant expiresAt,
      String endpoint);

  /** Takes the refresh lock of {@code appid} for {@code lease} if nobody holds it. */
  boolean tryLock(String appid, String owner, Duration lease);

  /** Releases the lock if {@code owner} still holds it (its lease may have ended). */
  void unlock(String appid, String owner);

  /**
   * Takes one force refresh from the budget of {@code day} (China day, {@code yyyy-MM-dd}).
   *
   * @return remaining budget after this one, -1 when spent, -2 when the last was too recent
   */
  long takeForceRefresh(
      String appid, String day, int dailyLimit, Duration minInterval, Instant now);

  /** Force refreshes left on {@code day}. */
  int forceBudgetLeft(String appid, String day, int dailyLimit);
}
