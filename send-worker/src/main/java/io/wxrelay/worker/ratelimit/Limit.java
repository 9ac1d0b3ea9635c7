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
   * #emissionIntervalMicros}, so that the network's jitter between the send and WeChat's receipt,
   * and a send up to {@link #lateSendNanos} late, still leave every period at or below the limit.
   */
  public long sendIntervalMicros() {
    return emissionIntervalMicros() * 101 / 100;
  }

  /**
   * How late after its booked time a call may still go, in nanoseconds: half of the 1 % margin of
   * {@link #sendIntervalMicros} (5 ms a second), and at least 1 ms, which a sleeping thread can
   * keep to; a caller later than this books again.
   */
  public long lateSendNanos() {
    return Math.max(period.toNanos() / 200, 1_000_000);
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
