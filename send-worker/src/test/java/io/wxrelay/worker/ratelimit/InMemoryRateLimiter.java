package io.wxrelay.worker.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RateLimiter} in one process's memory, for unit tests: the GCRA bookings, the calls that
 * went and the pauses of {@code RedisRateLimiter}'s scripts, on {@code clock} in microseconds.
 * {@link RateLimiterContract} holds both to the same behaviour.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private final Clock clock;
  private final int sendTolerance;
  private final Map<String, Long> reserved = new HashMap<>();
  private final Map<String, Long> sent = new HashMap<>();
  private final Map<String, Long> pausedUntil = new HashMap<>();
  private final Map<String, Long> numbered = new HashMap<>();
  private final Map<String, Map<Long, Long>> went = new HashMap<>();

  /**
   * @param sendTolerance spacings a late call may catch up on at send time
   */
  public InMemoryRateLimiter(Clock clock, int sendTolerance) {
    this.clock = clock;
    this.sendTolerance = sendTolerance;
  }

  @Override
  public synchronized Reservation reserve(String appid, String bucket, Limit limit) {
    return book(reserved, appid, bucket, limit.sendIntervalMicros(), limit.sendToleranceMicros(0));
  }

  @Override
  public synchronized Reservation admit(String appid, String bucket, Limit limit) {
    Reservation booked =
        book(
            sent,
            appid,
            bucket,
            limit.sendIntervalMicros(),
            limit.sendToleranceMicros(sendTolerance));
    if (!booked.granted()) {
      return booked;
    }
    long send = numbered.merge(appid + " " + bucket, 1L, Long::sum);
    return new Reservation(true, booked.delay(), booked.slotMicros(), send);
  }

  @Override
  public synchronized Duration go(
      String appid, String bucket, Limit limit, long send, Duration lease) {
    long now = clockMicros();
    String key = appid + " " + bucket;
    long pause = pausedUntil.getOrDefault(key, 0L);
    if (pause > now) {
      return micros(pause - now);
    }
    long period = limit.period().toNanos() / 1000;
    Map<Long, Long> calls = went.computeIfAbsent(key, k -> new HashMap<>());
    calls.values().removeIf(latest -> latest <= now - period);
    if (calls.size() < limit.count()) {
      calls.put(send, now + lease.toNanos() / 1000);
      return Duration.ZERO;
    }
    long interval = limit.sendIntervalMicros();
    long oldest = Collections.min(calls.values());
    long wait = oldest > now ? interval : oldest + period - now + 1;
    long tat = sent.getOrDefault(key, 0L);
    long pushed =
        oldest > now
            ? Math.max(tat, now) + interval
            : now + wait + limit.sendToleranceMicros(sendTolerance);
    sent.put(key, Math.max(tat, pushed));
    return micros(wait);
  }

  @Override
  public synchronized void answered(String appid, String bucket, Limit limit, long send) {
    went.computeIfAbsent(appid + " " + bucket, k -> new HashMap<>()).put(send, clockMicros());
  }

  private Reservation book(
      Map<String, Long> schedule, String appid, String bucket, long interval, long tolerance) {
    long now = clockMicros();
    String key = appid + " " + bucket;
    long pause = pausedUntil.getOrDefault(key, 0L);
    if (pause > now) {
      return new Reservation(false, micros(pause - now), 0);
    }
    long tat = Math.max(schedule.getOrDefault(key, 0L), now);
    long slot = Math.max(tat - tolerance, now);
    schedule.put(key, tat + interval);
    return new Reservation(true, micros(slot - now), slot);
  }

  @Override
  public long clockMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  @Override
  public synchronized Duration pauseUntilNextWindow(String appid, String bucket, Duration window) {
    long now = clockMicros();
    long windowMicros = window.toNanos() / 1000;
    long until = (now / windowMicros + 1) * windowMicros;
    pausedUntil.merge(appid + " " + bucket, until, Math::max);
    return micros(until - now);
  }

  @Override
  public synchronized Duration paused(String appid, String bucket) {
    long left = pausedUntil.getOrDefault(appid + " " + bucket, 0L) - clockMicros();
    return left > 0 ? micros(left) : Duration.ZERO;
  }

  private static Duration micros(long micros) {
    return Duration.ofNanos(micros * 1000);
  }
}
