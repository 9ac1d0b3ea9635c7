package io.wxrelay.worker.ratelimit;

import java.time.Duration;

/** A limiter shared by every worker: one state per appid × bucket, kept by the implementation. */
public interface RateLimiter {
  /**
   * A place in the shared schedule of {@code appid} × {@code bucket}: {@code granted}, the call may
   * go after {@code delay}, at {@code slotMicros} on the store's clock ({@link #clockMicros}); not
   * granted (the bucket is paused), ask again after {@code delay}.
   */
  record Reservation(boolean granted, Duration delay, long slotMicros) {}

  /**
   * Reserves the next place in the queue of callers. Places are spaced as the sends are ({@link
   * Limit#sendIntervalMicros}) in the store's clock, so a late caller does not push later places
   * back, and the queue stays as far ahead of the send schedule as its callers book their sends
   * ahead of their places ({@code Throttle}'s lead), however long the limit is busy.
   */
  Reservation reserve(String appid, String bucket, Limit limit);

  /**
   * The last step before a call goes out, once its slot has come: books its send time on a second
   * schedule of the calls actually sent, spaced 1 % wider than the limit ({@link
   * Limit#sendIntervalMicros}), with a tolerance of a few spacings (configured; {@link
   * #DEFAULT_SEND_TOLERANCE}) for callers that woke up late. Granted: the call goes after {@code
   * delay}, without asking again (a refuse-and-ask-again check lost a round trip per call, ~5 % of
   * the rate at 100/s); not granted: the bucket is paused, ask again after {@code delay}.
   */
  Reservation admit(String appid, String bucket, Limit limit);

  /**
   * Spacings a late call may catch up on at send time, by default (a limit whose burst allows more
   * keeps its burst: {@link Limit#sendToleranceMicros}). With t > 0 a second can hold up to L + t +
   * 1 calls; 0 keeps every second at L, at the cost of some rate after stalls (decision 0011).
   */
  int DEFAULT_SEND_TOLERANCE = 0;

  /**
   * The store's clock now, in microseconds: the clock of {@link Reservation#slotMicros}. A caller
   * whose ask took long cannot tell from its own clock when the store booked its slot; this can.
   */
  long clockMicros();

  /**
   * Refuses every permit of {@code appid} × {@code bucket} until the next multiple of {@code
   * window}; returns how long that is from now.
   */
  Duration pauseUntilNextWindow(String appid, String bucket, Duration window);

  /**
   * Whether {@code appid} × {@code bucket} is paused, and for how long ({@link Duration#ZERO}:
   * not).
   */
  Duration paused(String appid, String bucket);
}
