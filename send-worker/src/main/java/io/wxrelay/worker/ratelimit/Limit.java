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

  /** How far ahead of schedule a call may be (GCRA's tolerance), in microseconds. */
  public long toleranceMicros() {
    return emissionIntervalMicros() * (burst - 1);
  }

  @Override
  public String toString() {
    return count + "/" + period + (burst > 1 ? " burst " + burst : "");
  }
}
