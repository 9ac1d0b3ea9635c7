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
 * slots back. Decision 0010 says why not Bucket4j. Each send booked is numbered (a counter per
 * appid × bucket, kept for good so that a number is never given twice), and the calls that went are
 * kept by number until a period after their answers (decision 0044).
 */
public final class RedisRateLimiter implements RateLimiter {
  /**
   * The start of the scripts that book or let a call go: Redis's clock in µs, and KEYS[2]'s pause.
   */
  private static final String NOW_AND_PAUSE =
      """
      local t = redis.call('TIME')
      local now = t[1] * 1000000 + t[2]
      local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
      """;

  private static final LuaScript BOOK =
      new LuaScript(
          NOW_AND_PAUSE
              + """
          if pause > now then return {0, pause - now} end
          local interval = tonumber(ARGV[1])
          local tolerance = tonumber(ARGV[2])
          local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
          if tat < now then tat = now end
          local slot = tat - tolerance
          if slot < now then slot = now end
          local nextTat = tat + interval
          redis.call('SET', KEYS[1], string.format('%d', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 1000)
          if KEYS[3] then return {1, slot - now, slot, redis.call('INCR', KEYS[3])} end
          return {1, slot - now, slot}
          """);

  /**
   * The calls that went (KEYS[1]: a sorted set of call numbers, scored by the latest time WeChat
   * can have had each: its answer, or its go plus the lease while in flight). A call (ARGV[4]) goes
   * (returns 0) when the bucket is not paused (KEYS[2]) and fewer than ARGV[1] of them are later
   * than a period (ARGV[2] µs) ago. Otherwise it returns how many µs to wait: until the pause ends,
   * or until the oldest leaves that period, or a send spacing (ARGV[5] µs) when all are still in
   * flight. A refusal by the calls that went also moves the send schedule (KEYS[3], its tolerance
   * ARGV[6] µs): to the time there is room, or one spacing later per refusal while all are in
   * flight, so that the calls booked next are due when there can be room instead of all asking
   * here.
   */
  private static final LuaScript GO =
      new LuaScript(
          NOW_AND_PAUSE
              + """
          if pause > now then return pause - now end
          local period = tonumber(ARGV[2])
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - period))
          if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
            redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[3])), ARGV[4])
            redis.call('PEXPIRE', KEYS[1], math.ceil((period + tonumber(ARGV[3])) / 1000) + 1000)
            return 0
          end
          local interval = tonumber(ARGV[5])
          local tat = tonumber(redis.call('GET', KEYS[3]) or '0')
          local pushed = math.max(tat, now) + interval
          local wait = interval
          local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
          if oldest <= now then
            wait = oldest + period - now + 1
            pushed = now + wait + tonumber(ARGV[6])
          end
          if pushed > tat then
            redis.call('SET', KEYS[3], string.format('%d', pushed), 'PX', math.ceil((pushed - now) / 1000) + 1000)
          end
          return wait
          """);

  /**
   * The call ARGV[1] is over: it counts until a period (ARGV[2] µs) from now (KEYS[1], as in {@link
   * #GO}), again if it had been dropped.
   */
  private static final LuaScript ANSWERED =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = t[1] * 1000000 + t[2]
          redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[1])
          local keep = math.ceil(tonumber(ARGV[2]) / 1000) + 1000
          if redis.call('PTTL', KEYS[1]) < keep then redis.call('PEXPIRE', KEYS[1], keep) end
          return 1
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
        List.of(tatKey(appid, bucket), pauseKey(appid, bucket)),
        limit.sendIntervalMicros(),
        limit.sendToleranceMicros(0));
  }

  /** keys: the schedule, the pause, and the counter that numbers a send (none for the queue). */
  private Reservation book(List<String> keys, long intervalMicros, long toleranceMicros) {
    List<?> reply =
        (List<?>)
            BOOK.run(
                redis,
                keys,
                List.of(Long.toString(intervalMicros), Long.toString(toleranceMicros)));
    long micros = (Long) reply.get(1);
    boolean granted = (Long) reply.get(0) == 1;
    return new Reservation(
        granted,
        Duration.ofNanos(micros * 1000),
        granted ? (Long) reply.get(2) : 0,
        reply.size() > 3 ? (Long) reply.get(3) : 0);
  }

  @Override
  public long clockMicros() {
    return (Long) CLOCK.run(redis, List.of(), List.of());
  }

  @Override
  public Reservation admit(String appid, String bucket, Limit limit) {
    // The same GCRA booking as reserve(), on the schedule of calls sent, numbered.
    return book(
        List.of(sentKey(appid, bucket), pauseKey(appid, bucket), numberKey(appid, bucket)),
        limit.sendIntervalMicros(),
        limit.sendToleranceMicros(sendTolerance));
  }

  @Override
  public Duration go(String appid, String bucket, Limit limit, long send, Duration lease) {
    long wait =
        (Long)
            GO.run(
                redis,
                List.of(wentKey(appid, bucket), pauseKey(appid, bucket), sentKey(appid, bucket)),
                List.of(
                    Integer.toString(limit.count()),
                    Long.toString(limit.period().toNanos() / 1000),
                    Long.toString(lease.toNanos() / 1000),
                    Long.toString(send),
                    Long.toString(limit.sendIntervalMicros()),
                    Long.toString(limit.sendToleranceMicros(sendTolerance))));
    return Duration.ofNanos(wait * 1000);
  }

  @Override
  public void answered(String appid, String bucket, Limit limit, long send) {
    ANSWERED.run(
        redis,
        List.of(wentKey(appid, bucket)),
        List.of(Long.toString(send), Long.toString(limit.period().toNanos() / 1000)));
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

  private String numberKey(String appid, String bucket) {
    return prefix + "sent-number:" + appid + ":" + bucket;
  }

  private String wentKey(String appid, String bucket) {
    return prefix + "went:" + appid + ":" + bucket;
  }

  private String pauseKey(String appid, String bucket) {
    return prefix + "pause:" + appid + ":" + bucket;
  }
}
