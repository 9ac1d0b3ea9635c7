package io.wxrelay.worker.consume;

import io.wxrelay.worker.consume.Failures.Verdict;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record's attempts, on its own virtual thread: the handler is called until it returns, the
 * record is abandoned (interrupted, or its partition no longer ours), or the record is given up.
 * Infrastructure failures (Redis, Kafka) are tried again for as long as they last, since the record
 * is fine and must not be lost; any other failure (the record itself makes the handler fail) is
 * tried {@code poisonAttempts} times and then handed to {@link RecordHandler#poisoned}, so that one
 * record cannot hold its key and its partition forever. A failure that only a human can fix (Redis
 * refusing a permission) holds the record: it is tried again at the slow held backoff, never given
 * up, and logged once by {@link Failures} rather than at every try.
 */
final class RecordAttempts {
  private static final Logger log = LoggerFactory.getLogger(RecordAttempts.class);

  private final String name;
  private final RecordHandler handler;
  private final Failures failures;
  private final Duration errorBackoff;
  private final int poisonAttempts;
  private final Runnable onFailure;

  RecordAttempts(
      String name,
      RecordHandler handler,
      Failures failures,
      Duration errorBackoff,
      int poisonAttempts,
      Runnable onFailure) {
    this.name = name;
    this.handler = handler;
    this.failures = failures;
    this.errorBackoff = errorBackoff;
    this.poisonAttempts = poisonAttempts;
    this.onFailure = onFailure;
  }

  /** Carries {@code record} out while {@code ours}; true when done, false when abandoned. */
  boolean carryOut(InboundRecord record, BooleanSupplier ours) {
    Object holder = new Object();
    try {
      return attempts(record, ours, holder);
    } finally {
      failures.settled(holder);
    }
  }

  private boolean attempts(InboundRecord record, BooleanSupplier ours, Object holder) {
    int failed = 0;
    while (ours.getAsBoolean()) {
      try {
        handler.handle(record);
        return true;
      } catch (InterruptedException e) {
        return false;
      } catch (Exception e) {
        onFailure.run();
        Verdict verdict = failures.judge(holder, e);
        if (verdict == Verdict.RECORD && ++failed >= poisonAttempts) {
          log.error(
              "{}: giving up on {} after {} failures ({})", name, record, failed, e.toString());
          if (givenUp(record, e)) {
            return true;
          }
        }
        Duration wait = verdict == Verdict.HELD ? failures.heldBackoff() : errorBackoff;
        if (verdict != Verdict.HELD) {
          log.error(
              "{}: handling {} failed ({}); trying again in {}", name, record, e.toString(), wait);
        }
        try {
          CallWindow.pause(wait);
        } catch (InterruptedException interrupted) {
          return false;
        }
      }
    }
    return false;
  }

  /** Hands a poisoned record to the handler; false when that failed too (to be tried again). */
  private boolean givenUp(InboundRecord record, Exception failure) {
    try {
      handler.poisoned(record, failure);
      return true;
    } catch (Exception e) {
      log.error("{}: could not give up on {} ({})", name, record, e.toString());
      return false;
    }
  }
}
