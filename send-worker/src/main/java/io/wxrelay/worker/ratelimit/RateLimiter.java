package io.wxrelay.worker.ratelimit;

import java.time.Duration;

/** A limiter shared by every worker: one state per appid × bucket, kept by the implementation. */
public interface RateLimiter {
  /**
   * A place in the shared schedule of {@code appid} × {@code bucket}: {@code granted}, the call may
   * go after {@code delay}, at {@code slotMicros} on the store's clock ({@link #clockMicros}); not
   * granted (the bucket is paused), ask again after {@code delay}. {@code send}: the call's number
   * on the schedule of calls sent, for {@link #go} and {@link #answered} (given by {@link #admit};
   * 0 for a place in the queue or a refused booking).
   */
  record Reservation(boolean granted, Duration delay, long slotMicros, long send) {
    /** A place in the queue ({@link #reserve}), or a refusal: no number on the sends' schedule. */
    public Reservation(boolean granted, Duration delay, long slotMicros) {
      this(granted, delay, slotMicros, 0);
    }
  }

  /**
   * Reserves the next place in the queue of callers. Places are spaced as the sends are ({@link
   * Limit#sendIntervalMicros}) in the store's clock, so a late caller does not push later places
   * back, and the queue stays as far ahead of the send schedule as its callers book their sends
   * ahead of their places ({@code Throttle}'s lead), however long the limit is busy.
   */
  Reservation reserve(String appid, String bucket, Limit limit);

  /**
   * Books a call's send time, once its place in the queue has come, on a second schedule of the
   * calls actually sent, spaced 1 % wider than the limit ({@link Limit#sendIntervalMicros}), with a
   * tolerance of a few spacings (configured; {@link #DEFAULT_SEND_TOLERANCE}) for callers that woke
   * up late, and numbers it. Granted: the call is due after {@code delay}, without asking for the
   * slot again (a refuse-and-ask-again check lost a round trip per call, ~5 % of the rate at
   * 100/s); then only {@link #go} is left. Not granted: the bucket is paused, ask again after
   * {@code delay}.
   */
  Reservation admit(String appid, String bucket, Limit limit);

  /**
   * The last check before the call admitted as {@code send} goes, once its slot has come: zero when
   * fewer than {@code limit.count()} calls that went could have reached WeChat within the last
   * period; the call goes, and counts as in flight, for at most {@code lease} and a period, until
   * {@link #answered}. Otherwise (that, or the bucket is paused) how long to wait before asking
   * again. A refusal by the calls that went also pushes the send schedule back to when there can be
   * room, so that later calls wait in order on the schedule instead of asking here. A call that
   * went reached WeChat before its answer, so no period holds more than the limit at WeChat's side,
   * however long the calls took to get there (decision 0044).
   */
  Duration go(String appid, String bucket, Limit limit, long send, Duration lease);

  /**
   * The call that went as {@code send} is over, answered, failed or not made: WeChat had it before
   * now or never, and it counts for {@link #go} until a period from now (again, if it had stopped
   * counting: a call longer than its lease).
   */
  void answered(String appid, String bucket, Limit limit, long send);

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
