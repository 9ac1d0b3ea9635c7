package io.wxrelay.kit.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

  @Test
  void eachWaitIsBetweenHalfAndAllOfTheDoubledBaseUntilTheCap() {
    for (int i = 0; i < 500; i++) {
      assertThat(backoff.after(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(backoff.after(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
      assertThat(backoff.after(10)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
      assertThat(backoff.after(10_000)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
      assertThat(backoff.after(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }
  }

  @Test
  void theJitterSpreadsTheWaits() {
    long distinct =
        java.util.stream.IntStream.range(0, 200).mapToObj(i -> backoff.after(5)).distinct().count();
    assertThat(distinct).isGreaterThan(50);
  }
}
