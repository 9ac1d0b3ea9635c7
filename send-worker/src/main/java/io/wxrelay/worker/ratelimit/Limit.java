package io.wxrelay.worker.ratelimit;

import java.time.Duration;

/**
 * A rate: {@code count} calls per {@code period}, at most {@code burst} of them back to back.
 *
 * @param count calls per period, at least 1
 * @param period the period, e.g. one minute
 * @param burst calls allowed at once after a quiet time (1: evenly spaced)
 */
public record Limit(int count, Duration period, int burst) {
  public Limit {
    if (count < 1 || burst < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a limit is a positive count per positive period");
    }
  }

  /**
   * Time between two calls actually sent, in microseconds: 1 % longer than the period divided by
   * the count, rounded up, so that {@code count} send slots span at least 1.01 periods whatever the
   * rounding, and a send up to {@link #lateSendNanos} late still leaves every period at or below
   * the limit (decision 0042).
   */
  public long sendIntervalMicros() {
    return Math.max(1, Math.ceilDiv(period.toNanos() / 1000 * 101, 100L * count));
  }

  /**
   * The margin, in nanoseconds: how much longer {@code count} send slots last than the period (10
   * ms at L a second). A send late by less than it still leaves every period at or below the limit.
   */
  public long marginNanos() {
    return count * sendIntervalMicros() * 1000 - period.toNanos();
  }

  /**
   * How late after its booked time a call may still go, in nanoseconds; a caller later than this
   * books again. It is nine tenths of the {@link #marginNanos margin} (9 ms at L a second): two
   * sends {@code count} slots apart then stay more than a period apart, and every period holds at
   * most the limit when the sends leave the worker. The tenth left covers the path from this check
   * to the socket. At least 1 ms, which a sleeping thread can keep to: below a period of about 110
   * ms that floor is more than the margin allows, and the limit holds only on average there
   * (WeChat's limits are per second or longer). Decision 0042: half of the margin was kept for the
   * network before, which its jitter exceeds.
   */
  public long lateSendNanos() {
    return Math.max(marginNanos() / 10 * 9, 1_000_000);
  }

  /**
   * How far ahead of the send schedule a call may be, in microseconds: the burst, or {@code
   * catchUp} send spacings for callers that woke up late, whichever is more.
   */
  public long sendToleranceMicros(int catchUp) {
    return Math.max(burst - 1, catchUp) * sendIntervalMicros();
  }

  @Override
  public String toString() {
    return count + "/" + period + (burst > 1 ? " burst " + burst : "");
  }
}
