package io.wxrelay.token.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.token.store.InvalidateBudget;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InvalidateBudget} does: in Redis ({@code RedisInvalidateBudgetIT}) and in
 * memory ({@code InMemoryInvalidateBudgetTest}), on a clock the test moves.
 */
abstract class InvalidateBudgetContract {
  static final String APP = "wx5823bf96d3bd56c7";
  static final String OTHER = "wx1111111111111111";

  /** A budget of its own for this case, empty, reading {@code clock}. */
  protected abstract InvalidateBudget budget(MovableClock clock);

  @Test
  void aClientGetsItsBudgetPerHourThenWaitsForTheOldestChargeToLeave() {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    InvalidateBudget budget = budget(clock);

    assertThat(budget.take("shop", APP, 1, 2)).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    assertThat(budget.take("shop", OTHER, 7, 2)).isEmpty();
    clock.advance(Duration.ofMinutes(5));

    assertThat(budget.take("shop", APP, 2, 2))
        .as("third token within the hour")
        .hasValue(Duration.ofMinutes(45));
    assertThat(budget.take("crm", APP, 2, 2)).as("another client has its own budget").isEmpty();
    clock.advance(Duration.ofMinutes(45));
    assertThat(budget.take("shop", APP, 2, 2)).as("the first charge left the window").isEmpty();
    assertThat(budget.take("shop", APP, 3, 2)).isPresent();
  }

  @Test
  void reportingTheSameTokenAgainIsFree() {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    InvalidateBudget budget = budget(clock);

    assertThat(budget.take("shop", APP, 5, 1)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(budget.take("shop", APP, 5, 1)).as("same generation: no new charge").isEmpty();
    assertThat(budget.take("shop", APP, 6, 1)).hasValue(Duration.ofMinutes(59));
  }
}
