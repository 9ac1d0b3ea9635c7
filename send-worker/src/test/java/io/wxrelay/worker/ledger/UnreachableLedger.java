package io.wxrelay.worker.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link CommandLedger} whose store can be made unreachable for the next few writes of a kind, as
 * Redis is during a restart: a test says which operation fails how often, and each failure is an
 * {@link Unreachable} (the worker's infrastructure failures include it in tests).
 */
public final class UnreachableLedger implements CommandLedger {
  /** The store did not answer. */
  public static final class Unreachable extends RuntimeException {
    Unreachable(String operation) {
      super("ledger unreachable during " + operation);
    }
  }

  private final CommandLedger ledger;
  private final Map<String, Integer> failures = new HashMap<>();

  public UnreachableLedger(CommandLedger ledger) {
    this.ledger = ledger;
  }

  /** The next {@code times} calls of {@code operation} ("complete", "park", "rest") fail. */
  public synchronized void failNext(String operation, int times) {
    failures.put(operation, times);
  }

  private synchronized void maybeFail(String operation) {
    int left = failures.getOrDefault(operation, 0);
    if (left > 0) {
      failures.put(operation, left - 1);
      throw new Unreachable(operation);
    }
  }

  @Override
  public Claim claim(String commandId, String orderKey, String owner, Duration lease) {
    maybeFail("claim");
    return ledger.claim(commandId, orderKey, owner, lease);
  }

  @Override
  public Claim renew(String commandId, String orderKey, String owner, Duration lease) {
    maybeFail("renew");
    return ledger.renew(commandId, orderKey, owner, lease);
  }

  @Override
  public void rest(String commandId, String owner) {
    maybeFail("rest");
    ledger.rest(commandId, owner);
  }

  @Override
  public void release(String commandId, String owner) {
    maybeFail("release");
    ledger.release(commandId, owner);
  }

  @Override
  public void park(String commandId, String orderKey, String owner, Instant due) {
    maybeFail("park");
    ledger.park(commandId, orderKey, owner, due);
  }

  @Override
  public byte[] complete(String commandId, String orderKey, byte[] result) {
    maybeFail("complete");
    return ledger.complete(commandId, orderKey, result);
  }

  @Override
  public void published(String commandId, String origin) {
    maybeFail("published");
    ledger.published(commandId, origin);
  }

  @Override
  public byte[] completeDead(String commandId, String orderKey, byte[] result) {
    maybeFail("complete");
    return ledger.completeDead(commandId, orderKey, result);
  }

  @Override
  public void stepDone(String commandId, String step, String made) {
    maybeFail("stepDone");
    ledger.stepDone(commandId, step, made);
  }

  @Override
  public Map<String, String> stepsDone(String commandId) {
    maybeFail("stepsDone");
    return ledger.stepsDone(commandId);
  }
}
