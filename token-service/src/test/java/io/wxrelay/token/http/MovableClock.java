package io.wxrelay.token.http;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test moves by hand. */
final class MovableClock implements java.time.InstantSource {
  private final AtomicReference<Instant> now;

  MovableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
