package io.wxrelay.worker.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: after attempt n, a wait drawn uniformly from
 * [base·2^(n-1)/2, base·2^(n-1)], capped at {@code max}. Half the span is kept so that a retry is
 * never immediate.
 */
record Backoff(Duration base, Duration max) {
  Duration after(int attempt) {
    long ceiling = base.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    long capped = Math.min(ceiling, max.toMillis());
    long floor = capped / 2;
    return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(capped - floor + 1));
  }
}
