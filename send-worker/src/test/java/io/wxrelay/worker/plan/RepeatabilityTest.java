package io.wxrelay.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RepeatabilityTest {
  private static final Duration NINE = Duration.ofMinutes(9);

  @Test
  void withinAWindowARepeatIsHarmlessStrictlyBeforeItEnds() {
    Repeatability within = Repeatability.within(NINE);

    assertThat(within.repeatableAfter(Duration.ZERO)).isTrue();
    assertThat(within.repeatableAfter(NINE.minusMillis(1))).as("just inside").isTrue();
    assertThat(within.repeatableAfter(NINE)).as("at the end").isFalse();
    assertThat(within.repeatableAfter(NINE.plusMillis(1))).as("just outside").isFalse();
  }

  @Test
  void alwaysAndNeverDoNotDependOnTime() {
    assertThat(Repeatability.ALWAYS.repeatableAfter(Duration.ofDays(3))).isTrue();
    assertThat(Repeatability.NEVER.repeatableAfter(Duration.ZERO)).isFalse();
    assertThat(Repeatability.of(true)).isEqualTo(Repeatability.ALWAYS);
    assertThat(Repeatability.of(false)).isEqualTo(Repeatability.NEVER);
  }

  @Test
  void aWindowIsPositive() {
    assertThatThrownBy(() -> Repeatability.within(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
