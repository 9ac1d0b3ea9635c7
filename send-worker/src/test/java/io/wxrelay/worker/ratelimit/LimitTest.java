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
  void aSendMayBeLateByTheWholeMarginAndAtLeastAMillisecond() {
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).lateSendNanos()).isEqualTo(10_000_000);
    assertThat(new Limit(10_000, Duration.ofSeconds(1), 1).lateSendNanos()).isEqualTo(10_000_000);
    assertThat(new Limit(60, Duration.ofMinutes(1), 1).lateSendNanos()).isEqualTo(600_000_000);
    assertThat(new Limit(5, Duration.ofMillis(100), 1).lateSendNanos()).isEqualTo(1_000_000);
  }

  @Test
  void sendsAtMostTheMarginLateNeverPutMoreThanTheCountInAPeriod() {
    Limit limit = new Limit(100, Duration.ofSeconds(1), 1);
    long late = limit.lateSendNanos();
    // The worst case: a send as late as allowed, and the send count slots after it on time.
    assertThat(mostInAPeriod(limit, late)).isEqualTo(100);
    assertThat(mostInAPeriod(limit, late + 1_000)).as("a microsecond later").isEqualTo(101);
  }

  /** The most sends in any period [t, t + period) when every 101st slot's send is late by that. */
  private static int mostInAPeriod(Limit limit, long lateNanos) {
    long[] sends = new long[500];
    for (int i = 0; i < sends.length; i++) {
      sends[i] = i * limit.sendIntervalMicros() * 1000 + (i % 101 == 0 ? lateNanos : 0);
    }
    java.util.Arrays.sort(sends);
    int most = 0;
    for (int first = 0, last = 0; first < sends.length; first++) {
      while (last < sends.length && sends[last] < sends[first] + limit.period().toNanos()) {
        last++;
      }
      most = Math.max(most, last - first);
    }
    return most;
  }
}
