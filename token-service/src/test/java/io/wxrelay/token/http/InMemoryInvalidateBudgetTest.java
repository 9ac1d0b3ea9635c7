package io.wxrelay.token.http;

import io.wxrelay.token.store.InvalidateBudget;

/** The in-memory budget the API tests use keeps the contract of the Redis one. */
class InMemoryInvalidateBudgetTest extends InvalidateBudgetContract {
  @Override
  protected InvalidateBudget budget(MovableClock clock) {
    return new InMemoryInvalidateBudget(clock);
  }
}
