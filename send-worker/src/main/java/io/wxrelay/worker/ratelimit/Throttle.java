package io.wxrelay.worker.ratelimit;

import io.wxrelay.worker.time.Sleeper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for a permit before each WeChat call: the configured {@link Limit} of the call's bucket,
 * and any pause that a 45011 of any worker started. Buckets without a limit learn of pauses with
 * one Redis read per {@link #PAUSE_CHECK_EVERY}, not per call.
 */
public final class Throttle {
  static final Duration PAUSE_CHECK_EVERY = Duration.ofMillis(100);
  static final int MAX_REBOOKINGS = 3;

  private final RateLimiter limiter;
  private final RateLimits limits;
  private final Duration throttleWindow;
  private final Sleeper sleeper;
  private final Map<String, PauseCheck> pauses = new ConcurrentHashMap<>();

  private record PauseCheck(long checkedAtNanos, long pausedUntilNanos) {}

  /**
   * @param throttleWindow after 45011, calls wait until the next multiple of this (WeChat: a
   *     minute)
   */
  public Throttle(
      RateLimiter limiter, RateLimits limits, Duration throttleWindow, Sleeper sleeper) {
    this.limiter = limiter;
    this.limits = limits;
    this.throttleWindow = throttleWindow;
    this.sleeper = sleeper;
  }

  /** Blocks until {@code api} may be called for {@code appid}; returns how long it waited. */
  public Duration acquire(String appid, String api) throws InterruptedException {
    String bucket = RateLimits.bucketOf(api);
    Optional<Limit> limit = limits.limitFor(appid, bucket);
    long start = System.nanoTime();
    if (limit.isEmpty()) {
      for (Duration wait = pausedFor(appid, bucket); !wait.isZero(); ) {
        sleeper.sleep(wait);
        wait = pausedFor(appid, bucket);
      }
      return Duration.ofNanos(System.nanoTime() - start);
    }
    // Reserve a slot of the shared schedule and sleep until it: callers queue instead of
    // competing. Then book the send itself, which keeps calls that woke up late (GC, a starved
    // CPU) from going out together.
    RateLimiter.Reservation slot = limiter.reserve(appid, bucket, limit.get());
    while (!slot.granted()) {
      sleeper.sleep(slot.delay()); // paused by a 45011
      slot = limiter.reserve(appid, bucket, limit.get());
    }
    if (!slot.delay().isZero()) {
      sleeper.sleep(slot.delay());
    }
    // A caller that woke up too late for its booked time books again, so that it does not go out
    // together with the calls booked after it; after MAX_REBOOKINGS it goes anyway (progress on a
    // machine that stalls all the time).
    for (int rebooked = 0;
        !sendBooked(appid, bucket, limit.get()) && rebooked < MAX_REBOOKINGS;
        rebooked++) {
      // booked again
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Books the send and sleeps until it; false when this caller woke up later than {@link
   * Limit#lateSendNanos} after its booked time (a stall), so that the booking is given up.
   */
  private boolean sendBooked(String appid, String bucket, Limit limit) throws InterruptedException {
    long asked = System.nanoTime();
    RateLimiter.Reservation send = limiter.admit(appid, bucket, limit);
    while (!send.granted()) {
      sleeper.sleep(send.delay()); // paused by a 45011 meanwhile
      asked = System.nanoTime();
      send = limiter.admit(appid, bucket, limit);
    }
    if (!send.delay().isZero()) {
      sleeper.sleep(send.delay());
    }
    long late = System.nanoTime() - (asked + send.delay().toNanos());
    return late <= limit.lateSendNanos();
  }

  /** WeChat answered 45011: pause {@code api}'s bucket of {@code appid} for every worker. */
  public void throttled(String appid, String api) {
    String bucket = RateLimits.bucketOf(api);
    limiter.pauseUntilNextWindow(appid, bucket, throttleWindow);
    pauses.remove(appid + " " + bucket);
  }

  private Duration pausedFor(String appid, String bucket) {
    long now = System.nanoTime();
    PauseCheck known = pauses.get(appid + " " + bucket);
    if (known == null || now - known.checkedAtNanos() > PAUSE_CHECK_EVERY.toNanos()) {
      Duration paused = limiter.paused(appid, bucket);
      known = new PauseCheck(now, now + paused.toNanos());
      pauses.put(appid + " " + bucket, known);
    }
    long left = known.pausedUntilNanos() - now;
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }
}
