package io.wxrelay.token.store;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Tokens, refresh locks and the force-refresh budget in Redis. Writes are Lua scripts, so each
 * check-and-change is atomic: a token is written only over the generation the writer read, a lock
 * is released only by its owner. Thread-safe (the client is pooled).
 */
public final class RedisTokenStore implements TokenStore, AutoCloseable {
  /** Writes the token if the current generation is ARGV[1] (0 = none); publishes the update. */
  private static final String WRITE =
      """
      local current = redis.call('HGET', KEYS[1], 'generation')
      if (current or '0') ~= ARGV[1] then return -1 end
      local gen = redis.call('INCR', KEYS[2])
      redis.call('HSET', KEYS[1], 'token', ARGV[2], 'generation', gen, 'obtainedAt', ARGV[3],
                 'expiresAt', ARGV[4], 'endpoint', ARGV[5])
      redis.call('PEXPIREAT', KEYS[1], ARGV[4])
      redis.call('PUBLISH', ARGV[6], ARGV[7] .. ' ' .. gen)
      return gen
      """;

  private static final String RELEASE =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  /** Takes one force refresh: -2 too soon after the last, -1 budget spent, else what is left. */
  private static final String TAKE_FORCE =
      """
      local last = tonumber(redis.call('GET', KEYS[2]) or '0')
      if tonumber(ARGV[3]) - last < tonumber(ARGV[2]) then return -2 end
      local used = tonumber(redis.call('GET', KEYS[1]) or '0')
      if used >= tonumber(ARGV[1]) then return -1 end
      redis.call('INCR', KEYS[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
      return tonumber(ARGV[1]) - used - 1
      """;

  private static final long TWO_DAYS_MS = Duration.ofDays(2).toMillis();

  private final RedisClient redis;
  private final Keys keys;
  private final boolean ownsClient;

  private RedisTokenStore(RedisClient redis, String prefix, boolean ownsClient) {
    this.redis = redis;
    this.keys = new Keys(prefix);
    this.ownsClient = ownsClient;
  }

  /** A store with its own pooled connections to {@code settings.url()}; close it when done. */
  public static RedisTokenStore connect(RedisSettings settings, String prefix) {
    return new RedisTokenStore(RedisClients.create(settings), prefix, true);
  }

  /**
   * The same store for what else is held like the token, e.g. a ticket type: the same scheme (lock,
   * generation, force budget, channels) under {@code <prefix><segment>:}, on this store's
   * connections. Closing the view leaves them open.
   */
  public RedisTokenStore view(String segment) {
    return new RedisTokenStore(redis, keys.prefix() + segment + ":", false);
  }

  /** Whether Redis answers, for readiness. */
  public boolean ping() {
    try {
      return "PONG".equals(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      redis.close();
    }
  }

  @Override
  public Optional<StoredToken> read(String appid) {
    Map<String, String> h = redis.hgetAll(keys.token(appid));
    if (h == null || !h.containsKey("token")) {
      return Optional.empty();
    }
    return Optional.of(
        new StoredToken(
            appid,
            h.get("token"),
            Long.parseLong(h.get("generation")),
            Instant.ofEpochMilli(Long.parseLong(h.get("obtainedAt"))),
            Instant.ofEpochMilli(Long.parseLong(h.get("expiresAt"))),
            h.get("endpoint")));
  }

  @Override
  public Optional<Long> writeIfCurrent(
      String appid,
      long expectedGeneration,
      String token,
      Instant obtainedAt,
      Instant expiresAt,
      String endpoint) {
    Object result =
        redis.eval(
            WRITE,
            List.of(keys.token(appid), keys.generation(appid)),
            List.of(
                Long.toString(expectedGeneration),
                token,
                Long.toString(obtainedAt.toEpochMilli()),
                Long.toString(expiresAt.toEpochMilli()),
                endpoint,
                keys.updates(),
                appid));
    long generation = ((Number) result).longValue();
    return generation < 0 ? Optional.empty() : Optional.of(generation);
  }

  @Override
  public boolean tryLock(String appid, String owner, Duration lease) {
    return "OK"
        .equals(
            redis.set(keys.lock(appid), owner, SetParams.setParams().nx().px(lease.toMillis())));
  }

  @Override
  public void unlock(String appid, String owner) {
    redis.eval(RELEASE, List.of(keys.lock(appid)), List.of(owner));
  }

  /** Who holds the lock, if anyone. */
  public Optional<String> lockHolder(String appid) {
    return Optional.ofNullable(redis.get(keys.lock(appid)));
  }

  @Override
  public long takeForceRefresh(
      String appid, String day, int dailyLimit, Duration minInterval, Instant now) {
    Object result =
        redis.eval(
            TAKE_FORCE,
            List.of(keys.forcedOn(appid, day), keys.lastForced(appid)),
            List.of(
                Integer.toString(dailyLimit),
                Long.toString(minInterval.toMillis()),
                Long.toString(now.toEpochMilli()),
                Long.toString(TWO_DAYS_MS)));
    return ((Number) result).longValue();
  }

  @Override
  public int forceBudgetLeft(String appid, String day, int dailyLimit) {
    String used = redis.get(keys.forcedOn(appid, day));
    return Math.max(0, dailyLimit - (used == null ? 0 : Integer.parseInt(used)));
  }

  /** Asks every replica to refresh {@code appid} if {@code generation} is still current. */
  public void requestRefresh(String appid, long generation) {
    redis.publish(keys.requests(), appid + " " + generation);
  }

  Keys keys() {
    return keys;
  }

  RedisClient redis() {
    return redis;
  }
}
