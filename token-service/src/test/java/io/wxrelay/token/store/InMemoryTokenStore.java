package io.wxrelay.token.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TokenStore} in one process's memory, for unit tests: the rules of {@link
 * RedisTokenStore}'s scripts (generations, an owner's lock with a lease, the force-refresh budget)
 * on {@code clock}. {@link TokenStoreContract} holds both to the same behaviour.
 */
public final class InMemoryTokenStore implements TokenStore {
  private final InstantSource clock;
  private final Map<String, StoredToken> tokens = new HashMap<>();
  private final Map<String, Long> generations = new HashMap<>();
  private final Map<String, Lock> locks = new HashMap<>();
  private final Map<String, Integer> forcedOn = new HashMap<>();
  private final Map<String, Instant> lastForced = new HashMap<>();

  private record Lock(String owner, Instant until) {}

  public InMemoryTokenStore(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<StoredToken> read(String appid) {
    StoredToken token = tokens.get(appid);
    return token == null || !clock.instant().isBefore(token.expiresAt())
        ? Optional.empty()
        : Optional.of(token);
  }

  @Override
  public synchronized Optional<Long> writeIfCurrent(
      String appid,
      long expectedGeneration,
      String token,
      Instant obtainedAt,
      Instant expiresAt,
      String endpoint) {
    long current = read(appid).map(StoredToken::generation).orElse(0L);
    if (current != expectedGeneration) {
      return Optional.empty();
    }
    long generation = generations.merge(appid, 1L, Long::sum);
    tokens.put(appid, new StoredToken(appid, token, generation, obtainedAt, expiresAt, endpoint));
    return Optional.of(generation);
  }

  @Override
  public synchronized boolean tryLock(String appid, String owner, Duration lease) {
    Lock lock = locks.get(appid);
    if (lock != null && clock.instant().isBefore(lock.until())) {
      return false;
    }
    locks.put(appid, new Lock(owner, clock.instant().plus(lease)));
    return true;
  }

  @Override
  public synchronized void unlock(String appid, String owner) {
    Lock lock = locks.get(appid);
    if (lock != null && lock.owner().equals(owner)) {
      locks.remove(appid);
    }
  }

  @Override
  public synchronized long takeForceRefresh(
      String appid, String day, int dailyLimit, Duration minInterval, Instant now) {
    Instant last = lastForced.get(appid);
    if (last != null && Duration.between(last, now).compareTo(minInterval) < 0) {
      return -2;
    }
    int used = forcedOn.getOrDefault(appid + " " + day, 0);
    if (used >= dailyLimit) {
      return -1;
    }
    forcedOn.put(appid + " " + day, used + 1);
    lastForced.put(appid, now);
    return dailyLimit - used - 1L;
  }

  @Override
  public synchronized int forceBudgetLeft(String appid, String day, int dailyLimit) {
    return Math.max(0, dailyLimit - forcedOn.getOrDefault(appid + " " + day, 0));
  }
}
