package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.consume.Failures;
import io.wxrelay.worker.consume.Failures.Verdict;
import io.wxrelay.worker.time.Sleeper;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ledger writes a run cannot do without: a result after its call, a park, a rest between calls.
 * Each is tried again in place while the failure is infrastructure (Redis unreachable), so that the
 * run keeps what it knows (its call's outcome) instead of starting over and finding its own claim
 * in doubt. Another failure, or an interrupt while waiting, ends the run as before: the lease then
 * decides. Every write is idempotent, so a write that reached Redis before its answer was lost is
 * harmless to repeat. A refusal only a human can fix (NOPERM, OOM: {@link Verdict#HELD}) is tried
 * again in place too, at the slow held backoff, and counts as held until the write succeeds.
 */
public final class LedgerWrites {
  private static final Logger log = LoggerFactory.getLogger(LedgerWrites.class);

  private final Failures failures;
  private final Sleeper sleeper;
  private final Duration firstBackoff;
  private final Duration maxBackoff;

  /**
   * @param failures which failures are worth waiting out (Redis or Kafka unreachable, or held)
   * @param firstBackoff the wait after the first failure; doubled up to {@code maxBackoff}
   */
  public LedgerWrites(
      Failures failures, Sleeper sleeper, Duration firstBackoff, Duration maxBackoff) {
    this.failures = failures;
    this.sleeper = sleeper;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** Runs {@code write} until it succeeds; {@code what} names it in the log. */
  <T> T writeAndGet(String what, Supplier<T> write) throws InterruptedException {
    Object holder = new Object();
    try {
      return untilDone(what, write, holder);
    } finally {
      failures.settled(holder);
    }
  }

  private <T> T untilDone(String what, Supplier<T> write, Object holder)
      throws InterruptedException {
    Duration backoff = firstBackoff;
    for (int failed = 0; ; failed++) {
      Verdict verdict;
      try {
        T done = write.get();
        if (failed > 0) {
          log.info("{}: done after {} failed tries", what, failed);
        }
        return done;
      } catch (RuntimeException e) {
        verdict = failures.judge(holder, e);
        if (verdict == Verdict.RECORD) {
          throw e;
        }
        if (failed == 0) {
          log.warn("{} failed ({}); trying again until it succeeds", what, e.toString());
        }
      }
      sleeper.sleep(verdict == Verdict.HELD ? failures.heldBackoff() : backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
  }

  /** As above, for a write without an answer. */
  void write(String what, Runnable write) throws InterruptedException {
    writeAndGet(
        what,
        () -> {
          write.run();
          return null;
        });
  }
}
