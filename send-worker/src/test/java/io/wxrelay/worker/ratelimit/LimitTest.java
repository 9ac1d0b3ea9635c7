package io.wxrelay.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitTest {
  @Test
  void sendsAreSpacedOnePercentWiderThanTheLimitRoundedUp() {
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).sendIntervalMicros()).isEqualTo(10_100);
    assertThat(new Limit(60, Duration.ofMinutes(1), 1).sendIntervalMicros()).isEqualTo(1_010_000);
    assertThat(new Limit(3, Duration.ofSeconds(1), 1).sendIntervalMicros()).isEqualTo(336_667);
    assertThat(new Limit(30_000, Duration.ofSeconds(1), 1).sendIntervalMicros()).isEqualTo(34);
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).marginNanos()).isEqualTo(10_000_000);
  }

  @Test
  void theSendToleranceIsTheBurstOrTheCatchUpWhicheverIsMore() {
    Limit burstOfFive = new Limit(100, Duration.ofSeconds(1), 5);
    assertThat(burstOfFive.sendToleranceMicros(0)).isEqualTo(4 * 10_100);
    assertThat(burstOfFive.sendToleranceMicros(7)).isEqualTo(7 * 10_100);
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).sendToleranceMicros(0)).isZero();
  }

  @Test
  void aSendMayBeLateByNineTenthsOfTheMarginAndAtLeastAMillisecond() {
    assertThat(new Limit(100, Duration.ofSeconds(1), 1).lateSendNanos()).isEqualTo(9_000_000);
    assertThat(new Limit(10_000, Duration.ofSeconds(1), 1).lateSendNanos()).isEqualTo(9_000_000);
    assertThat(new Limit(60, Duration.ofMinutes(1), 1).lateSendNanos()).isEqualTo(540_000_000);
    assertThat(new Limit(5, Duration.ofMillis(100), 1).lateSendNanos()).isEqualTo(1_000_000);
  }

  @ParameterizedTest
  @CsvSource({"100, 1s", "3, 1s", "9, 1s", "300, 1s", "700, 1s", "3000, 1s", "7000, 1s", "60, 1m"})
  void sendsAtMostTheLatenessAllowedLateNeverPutMoreThanTheCountInAPeriod(int count, String per) {
    Limit limit = new Limit(count, Duration.parse("PT" + per.toUpperCase(Locale.ROOT)), 1);
    long margin = limit.marginNanos();

    assertThat(mostInAPeriod(limit, limit.lateSendNanos())).isLessThanOrEqualTo(count);
    assertThat(mostInAPeriod(limit, margin)).as("the whole margin").isEqualTo(count);
    assertThat(mostInAPeriod(limit, margin + 1_000)).as("a microsecond more").isEqualTo(count + 1);
  }

  /**
   * The most sends in any period [t, t + period) over 2 count + 2 slots when the first count sends
   * are {@code lateNanos} late and the others on time: the worst case, a period that begins with
   * late sends and ends with sends on time.
   */
  private static int mostInAPeriod(Limit limit, long lateNanos) {
    int count = limit.count();
    long[] sends = new long[2 * count + 2];
    for (int i = 0; i < sends.length; i++) {
      sends[i] = i * limit.sendIntervalMicros() * 1000 + (i < count ? lateNanos : 0);
    }
    Arrays.sort(sends);
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
