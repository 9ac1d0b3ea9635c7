package io.wxrelay.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitTest {
  @Test
  void sendsAreSpacedOnePercentWiderThanTheLimit() {
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).sendIntervalMicros()).isEqualTo(10_100);
    assertThat(new Limit(60, Duration.ofMinutes(1), 1).sendIntervalMicros()).isEqualTo(1_010_000);
  }

  @Test
  void theSendToleranceIsTheBurstOrTheCatchUpWhicheverIsMore() {
    Limit burstOfFive = new Limit(100, Duration.ofSeconds(1), 5);
    assertThat(burstOfFive.sendToleranceMicros(0)).isEqualTo(4 * 10_100);
    assertThat(burstOfFive.sendToleranceMicros(7)).isEqualTo(7 * 10_100);
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).sendToleranceMicros(0)).isZero();
  }

  @Test
  void aSendMayBeLateByHalfTheMarginAndAtLeastAMillisecond() {
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).lateSendNanos()).isEqualTo(5_000_000);
    assertThat(new Limit(10_000, Duration.ofSeconds(1), 1).lateSendNanos()).isEqualTo(5_000_000);
    assertThat(new Limit(60, Duration.ofMinutes(1), 1).lateSendNanos()).isEqualTo(300_000_000);
    assertThat(new Limit(5, Duration.ofMillis(100), 1).lateSendNanos()).isEqualTo(1_000_000);
  }
}
