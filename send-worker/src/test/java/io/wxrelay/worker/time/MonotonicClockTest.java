package io.wxrelay.worker.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonotonicClockTest {
  @Test
  void startsAtTheWallClockAndNeverGoesBack() {
    Instant before = Instant.now();
    MonotonicClock clock = new MonotonicClock();
    Instant previous = clock.instant();
    assertThat(Duration.between(before, previous)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
    for (int i = 0; i < 10_000; i++) {
      Instant next = clock.instant();
      assertThat(next).isAfterOrEqualTo(previous);
      previous = next;
    }
  }
}
