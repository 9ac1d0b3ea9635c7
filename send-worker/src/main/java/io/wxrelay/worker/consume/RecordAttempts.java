package io.wxrelay.worker.consume;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record's attempts, on its own virtual thread: the handler is called until it returns, the
 * record is abandoned (interrupted, or its partition no longer ours), or the record is given up.
 * Infrastructure failures (Redis, Kafka) are tried again for as long as they last, since the record
 * is fine and must not be lost; any other failure (the record itself makes the handler fail) is
 * tried {@code poisonAttempts} times and then handed to {@link RecordHandler#poisoned}, so that one
 * record cannot hold its key and its partition forever.
 */
final class RecordAttempts {
  private static final Logger log = LoggerFactory.getLogger(RecordAttempts.class);

  private final String name;
  private final RecordHandler handler;
  private final Predicate<Exception> infrastructure;
  private final Duration errorBackoff;
  private final int poisonAttempts;
  private final Runnable onFailure;

  RecordAttempts(
      String name,
      RecordHandler handler,
      Predicate<Exception> infrastructure,
      Duration errorBackoff,
      int poisonAttempts,
      Runnable onFailure) {
    this.name = name;
    this.handler = handler;
    this.infrastructure = infrastructure;
    this.errorBackoff = errorBackoff;
    this.poisonAttempts = poisonAttempts;
    this.onFailure = onFailure;
  }

  /** Carries {@code record} out while {@code ours}; true when done, false when abandoned. */
  boolean carryOut(InboundRecord record, BooleanSupplier ours) {
    int failures = 0;
    while (ours.getAsBoolean()) {
      try {
        handler.handle(record);
        return true;
      } catch (InterruptedException e) {
        return false;
      } catch (Exception e) {
        onFailure.run();
        if (!infrastructure.test(e) && ++failures >= poisonAttempts) {
          log.error(
              "{}: giving up on {} after {} failures ({})", name, record, failures, e.toString());
          if (givenUp(record, e)) {
            return true;
          }
        }
        log.error(
            "{}: handling {} failed ({}); trying again in {}",
            name,
            record,
            e.toString(),
            errorBackoff);
        try {
          CallWindow.pause(errorBackoff);
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
