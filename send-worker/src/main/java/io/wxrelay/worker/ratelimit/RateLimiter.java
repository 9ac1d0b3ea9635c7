package io.wxrelay.worker.ratelimit;

import java.time.Duration;

/** A limiter shared by every worker: one state per appid × bucket, kept by the implementation. */
public interface RateLimiter {
  /**
   * A place in the shared schedule of {@code appid} × {@code bucket}: {@code granted}, the call may
   * go after {@code delay}; not granted (the bucket is paused), ask again after {@code delay}.
   */
  record Reservation(boolean granted, Duration delay) {}

  /**
   * Reserves the next free slot of the schedule. Slots are spaced by the limit in the store's
   * clock, so a late caller does not push later slots back: the achieved rate is the limit.
   */
  Reservation reserve(String appid, String bucket, Limit limit);

  /**
   * The last check before a call goes out: the bucket is not paused and the calls actually sent
   * keep to the limit, with a tolerance of {@link #SEND_TOLERANCE} spacings for callers that woke
   * up late. Records the call and returns zero, or says how long to wait before asking again.
   */
  Duration admit(String appid, String bucket, Limit limit);

  /** Spacings a late call may catch up on at send time (bounds a second at L + this). */
  int SEND_TOLERANCE = 2;

  /**
   * Refuses every permit of {@code appid} × {@code bucket} until the next multiple of {@code
   * window}.
   */
  void pauseUntilNextWindow(String appid, String bucket, Duration window);

  /**
   * Whether {@code appid} × {@code bucket} is paused, and for how long ({@link Duration#ZERO}:
   * not).
   */
  Duration paused(String appid, String bucket);
}
