package io.wxrelay.token.http;

/** The in-memory budget the API tests use keeps the contract of the Redis one. */
class InMemoryInvalidateBudgetTest extends InvalidateBudgetContract {
  @Override
  protected InvalidateBudget budget(MovableClock clock) {
    return new InMemoryInvalidateBudget(clock);
  }
}
