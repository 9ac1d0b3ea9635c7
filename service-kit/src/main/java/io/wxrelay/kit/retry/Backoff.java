package io.wxrelay.kit.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the one every service waits with between attempts: after attempt
 * n (counting from 1), a wait drawn uniformly from [c/2, c] where c = base·2^(n-1), capped at
 * {@code max}. Half the span is kept, so a retry is never immediate; the jitter spreads replicas
 * and workers that failed together.
 */
public record Backoff(Duration base, Duration max) {

  /** The wait after attempt {@code attempt} (1 for the first); 0 and below count as 1. */
  public Duration after(int attempt) {
    long ceiling = base.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    long capped = Math.min(ceiling, max.toMillis());
    long floor = capped / 2;
    return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(capped - floor + 1));
  }
}
