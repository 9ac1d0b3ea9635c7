package io.wxrelay.worker.store;

import io.wxrelay.worker.ratelimit.Limit;
import io.wxrelay.worker.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * GCRA (the generic cell rate algorithm) as reservations, one Lua script per call: one key per
 * appid × bucket holds the theoretical arrival time on Redis's clock (whole microseconds, written
 * with {@code %d}: Lua's {@code tostring} keeps 14 digits, 100 µs of today's time); every worker
 * takes the next slot of that one schedule and sleeps until it, so late wake-ups never push later
 * slots back. Decision 0010 says why not Bucket4j.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final LuaScript BOOK =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = t[1] * 1000000 + t[2]
          local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
          if pause > now then return {0, pause - now} end
          local interval = tonumber(ARGV[1])
          local tolerance = tonumber(ARGV[2])
          local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
          if tat < now then tat = now end
          local slot = tat - tolerance
          if slot < now then slot = now end
          local nextTat = tat + interval
          redis.call('SET', KEYS[1], string.format('%d', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 1000)
          return {1, slot - now, slot}
          """);

  private static final LuaScript PAUSE =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = t[1] * 1000000 + t[2]
          local window = tonumber(ARGV[1])
          local untilMicros = (math.floor(now / window) + 1) * window
          local current = tonumber(redis.call('GET', KEYS[1]) or '0')
          if untilMicros > current then
            redis.call('SET', KEYS[1], string.format('%d', untilMicros), 'PX', math.ceil((untilMicros - now) / 1000) + 1000)
          end
          return untilMicros - now
          """);

  private static final LuaScript PAUSED =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = t[1] * 1000000 + t[2]
          local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
          if pause > now then return pause - now end
          return 0
          """);

  private static final LuaScript CLOCK =
      new LuaScript(
          """
          local t = redis.call('TIME')
          return t[1] * 1000000 + t[2]
          """);

  private final RedisClient redis;
  private final String prefix;
  private final int sendTolerance;

  /**
   * @param sendTolerance spacings a late call may catch up on at send time ({@link
   *     RateLimiter#DEFAULT_SEND_TOLERANCE})
   */
  public RedisRateLimiter(RedisClient redis, String prefix, int sendTolerance) {
    if (sendTolerance < 0) {
      throw new IllegalArgumentException("sendTolerance < 0: " + sendTolerance);
    }
    this.redis = redis;
    this.prefix = prefix;
    this.sendTolerance = sendTolerance;
  }

  @Override
  public Reservation reserve(String appid, String bucket, Limit limit) {
    // The queue moves at the pace of the sends (not the limit's own), so that it stays
    // SEND_BOOKING_LEAD ahead of the send schedule however long the limit is busy.
    return book(
        tatKey(appid, bucket),
        pauseKey(appid, bucket),
        limit.sendIntervalMicros(),
        limit.sendToleranceMicros(0));
  }

  private Reservation book(
      String scheduleKey, String pauseKey, long intervalMicros, long toleranceMicros) {
    List<?> reply =
        (List<?>)
            BOOK.run(
                redis,
                List.of(scheduleKey, pauseKey),
                List.of(Long.toString(intervalMicros), Long.toString(toleranceMicros)));
    long micros = (Long) reply.get(1);
    boolean granted = (Long) reply.get(0) == 1;
    return new Reservation(
        granted, Duration.ofNanos(micros * 1000), granted ? (Long) reply.get(2) : 0);
  }

  @Override
  public long clockMicros() {
    return (Long) CLOCK.run(redis, List.of(), List.of());
  }

  @Override
  public Reservation admit(String appid, String bucket, Limit limit) {
    // The same GCRA booking as reserve(), on the schedule of calls sent.
    return book(
        sentKey(appid, bucket),
        pauseKey(appid, bucket),
        limit.sendIntervalMicros(),
        limit.sendToleranceMicros(sendTolerance));
  }

  @Override
  public Duration pauseUntilNextWindow(String appid, String bucket, Duration window) {
    long micros =
        (Long)
            PAUSE.run(
                redis,
                List.of(pauseKey(appid, bucket)),
                List.of(Long.toString(window.toNanos() / 1000)));
    return Duration.ofNanos(micros * 1000);
  }

  @Override
  public Duration paused(String appid, String bucket) {
    long micros = (Long) PAUSED.run(redis, List.of(pauseKey(appid, bucket)), List.of());
    return Duration.ofNanos(micros * 1000);
  }

  private String tatKey(String appid, String bucket) {
    return prefix + "rate:" + appid + ":" + bucket;
  }

  private String sentKey(String appid, String bucket) {
    return prefix + "sent:" + appid + ":" + bucket;
  }

  private String pauseKey(String appid, String bucket) {
    return prefix + "pause:" + appid + ":" + bucket;
  }
}
