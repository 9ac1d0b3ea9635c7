package io.wxrelay.worker.time;

import java.time.Instant;
import java.time.InstantSource;

/**
 * An {@link InstantSource} that never jumps: the wall clock's reading when it was made, moved on by
 * {@link System#nanoTime}. For measuring short spans (a throttle's few milliseconds of lateness),
 * where a step of the system clock must not count as time waited.
 */
public final class MonotonicClock implements InstantSource {
  private final Instant origin;
  private final long originNanos;

  public MonotonicClock() {
    this.origin = Instant.now();
    this.originNanos = System.nanoTime();
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }
}
