package io.wxrelay.token.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.RedisClient;

/**
 * The invalidate budget in Redis, shared by every token-service replica: a sorted set per client
 * ({@code <prefix>api:invalidate:<client>}) of the tokens it reported, scored by when, trimmed to
 * the last hour and changed by one Lua script, so two replicas cannot both grant the last charge.
 * Replicas' clocks are assumed to agree within seconds.
 */
public final class RedisInvalidateBudget implements InvalidateBudget {
  /** 0 when charged (or already charged for this token), else milliseconds until room. */
  private static final String TAKE =
      """
      local now = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 0 end
      if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + window - now)
      end
      redis.call('ZADD', KEYS[1], now, ARGV[4])
      redis.call('PEXPIRE', KEYS[1], window)
      return 0
      """;

  private final RedisClient redis;
  private final String prefix;
  private final InstantSource clock;

  /** Keys under {@code prefix} (token-service's, e.g. {@code wxrelay:token:}). */
  public RedisInvalidateBudget(RedisClient redis, String prefix, InstantSource clock) {
    this.redis = redis;
    this.prefix = prefix;
    this.clock = clock;
  }

  @Override
  public Optional<Duration> take(String client, String appid, long generation, int perHour) {
    Object wait =
        redis.eval(
            TAKE,
            List.of(prefix + "api:invalidate:" + client),
            List.of(
                Long.toString(clock.millis()),
                Long.toString(WINDOW.toMillis()),
                Integer.toString(perHour),
                appid + " " + generation));
    long millis = ((Number) wait).longValue();
    return millis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
  }
}
