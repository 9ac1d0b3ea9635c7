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

  /** Time between two calls at this rate, in microseconds. */
  public long emissionIntervalMicros() {
    return Math.max(1, period.toNanos() / 1000 / count);
  }

  /**
   * Time between two calls actually sent, in microseconds: 1 % longer than {@link
   * #emissionIntervalMicros}, so that a send up to {@link #lateSendNanos} late still leaves every
   * period at or below the limit when it leaves the worker (decision 0042).
   */
  public long sendIntervalMicros() {
    return emissionIntervalMicros() * 101 / 100;
  }

  /**
   * How late after its booked time a call may still go, in nanoseconds: the whole 1 % margin of
   * {@link #sendIntervalMicros} (10 ms a second), and at least 1 ms, which a sleeping thread can
   * keep to; a caller later than this books again. With {@code count} slots spanning 1.01 periods,
   * a send at most the margin late still leaves every period at or below the limit at the limiter
   * (decision 0042: half of the margin was kept for the network before, which its jitter exceeds).
   */
  public long lateSendNanos() {
    return Math.max(period.toNanos() / 100, 1_000_000);
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
