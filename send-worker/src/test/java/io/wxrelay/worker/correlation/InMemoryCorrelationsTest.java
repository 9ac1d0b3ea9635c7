package io.wxrelay.worker.correlation;

import java.time.Clock;

/** The in-memory correlations keep the contract of the Redis ones. */
class InMemoryCorrelationsTest extends CorrelationsContract {
  @Override
  protected Correlations correlations() {
    return new InMemoryCorrelations(Clock.systemUTC());
  }
}
