package io.wxrelay.worker.ledger;

import java.time.Clock;
import java.time.Duration;

/** The in-memory ledger keeps the contract of the Redis one. */
class InMemoryCommandLedgerTest extends CommandLedgerContract {
  private InMemoryCommandLedger ledger;

  @Override
  protected CommandLedger ledger(Duration orderHold) {
    ledger = new InMemoryCommandLedger(Clock.systemUTC(), orderHold);
    return ledger;
  }

  @Override
  protected String head(String orderKey) {
    return ledger.head(orderKey);
  }

  @Override
  protected boolean forgot(String orderKey) {
    return ledger.forgot(orderKey);
  }
}
