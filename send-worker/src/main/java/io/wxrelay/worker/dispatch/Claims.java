package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A command's hold on the ledger for one processing of a record, under an owner that names the
 * worker and the record (the same worker processing the same record again resumes its own claim).
 * Taken once its first send is booked (a worker that dies while queued for the rate limit has
 * claimed nothing), refused when an earlier call may have reached WeChat (taken over from a worker
 * that stopped in its call, or sent without an answer) and the plan cannot be repeated now, renewed
 * before later calls when a third of the lease is gone, marked as between calls while the run
 * sleeps before another attempt, and given up when the command is parked or the run stops with no
 * call in flight. Not thread-safe; lives on the record's thread.
 */
final class Claims {
  private static final Duration MAX_BUSY_NAP = Duration.ofSeconds(1);

  private final CommandLedger ledger;
  private final LedgerWrites writes;
  private final Duration lease;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final CallPlan plan;
  private final String orderKey;
  private final String owner;
  private final BooleanSupplier unanswered;
  private final Predicate<Boolean> repeatableNow;
  private Instant claimedAt = Instant.MIN;
  private boolean claimedBefore;
  private boolean held;
  private @Nullable Claim refusal;
  private Optional<Boolean> claimedClean = Optional.empty();

  Claims(
      CommandLedger ledger,
      LedgerWrites writes,
      Duration lease,
      InstantSource clock,
      Sleeper sleeper,
      CallPlan plan,
      String orderKey,
      String owner,
      BooleanSupplier unanswered,
      Predicate<Boolean> repeatableNow) {
    this.ledger = ledger;
    this.writes = writes;
    this.lease = lease;
    this.clock = clock;
    this.sleeper = sleeper;
    this.plan = plan;
    this.orderKey = orderKey;
    this.owner = owner;
    this.unanswered = unanswered;
    this.repeatableNow = repeatableNow;
  }

  /**
   * Holds the command before a call. False when the run must stop without the call: {@link
   * #refusal} says why (done already, queued behind a parked command of its key, or granted while
   * an earlier call may have reached WeChat, taken over from a holder that stopped in its call or
   * sent without an answer, when the plan cannot be repeated now: {@code repeatableNow}, asked
   * whether this processing began clean ({@link #claimedClean}), at the time of this call; asked
   * again before each retry of this processing that follows a call without an answer).
   */
  boolean hold() throws InterruptedException {
    if (held) {
      renewIfOld();
      // A retry in this processing after a lost answer: its wait (the backoff, the rate limit) may
      // have carried it past the window the verdict saw.
      if (unanswered.getAsBoolean() && !repeatableNow.test(claimedClean())) {
        refusal = new Claim.Granted(true);
        return false;
      }
      return true;
    }
    Claim claim = claim();
    if (!(claim instanceof Claim.Granted granted)) {
      refusal = claim;
      return false;
    }
    held = true;
    if (!claimedClean.isPresent()) {
      claimedClean = Optional.of(!granted.takenOver() && !unanswered.getAsBoolean());
    }
    if ((granted.takenOver() || unanswered.getAsBoolean()) && !repeatableNow.test(claimedClean())) {
      refusal = claim; // the run ends UNKNOWN, and completes the claim it holds
      return false;
    }
    return true;
  }

  /**
   * Whether this processing began with nothing of the command in doubt: its first grant was not
   * taken over from a holder that may have been in a call, and no earlier processing's call went
   * unanswered. Then none of its calls can have reached WeChat before this processing's first.
   * False until the first grant.
   */
  boolean claimedClean() {
    return claimedClean.orElse(false);
  }

  /** Why {@link #hold} said no: a {@link Claim.Done}, {@link Claim.Behind} or taken over. */
  Optional<Claim> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** Gives the claim up until {@code due}, holding the later commands of the key behind it. */
  void park(Instant due) throws InterruptedException {
    writes.write(
        "park " + plan.commandId(), () -> ledger.park(plan.commandId(), orderKey, owner, due));
    held = false;
  }

  /**
   * The run sleeps before another attempt, after an outcome that did not reach WeChat (or of a
   * repeatable command): should the worker die now, the next holder is not in doubt. The next
   * {@link #hold} claims again, marking the command as in a call.
   */
  void rest() throws InterruptedException {
    if (held && nothingAtStake()) {
      writes.write("rest " + plan.commandId(), () -> ledger.rest(plan.commandId(), owner));
      held = false;
    }
  }

  /**
   * The run stops (before a call, or in a wait before one) with every earlier call of this
   * processing answered and recorded (an Again follows only outcomes that did not reach WeChat, or
   * a repeatable plan's): nothing is in doubt whatever the plan, so the claim goes at once, and the
   * next processing starts without waiting out the lease. Best effort; the lease bounds what it
   * misses. A call that went unanswered in a plan not always repeatable (a template message) keeps
   * the claim as in a call: the next processing takes it over, and asks whether it may repeat.
   */
  void releaseIdle() {
    if (claimedBefore && !inDoubt()) {
      try {
        ledger.release(plan.commandId(), owner);
      } catch (RuntimeException e) {
        // the lease ends it
      }
      held = false;
    }
  }

  /**
   * Whether a new processing may start the plan over without doubt: a repeatable plan, or a plan of
   * one call (whose outcome decides whether the run rests or ends) that has not gone unanswered.
   */
  private boolean nothingAtStake() {
    return plan.repeatable() || (plan.calls().size() == 1 && !inDoubt());
  }

  /**
   * A call of this plan may have reached WeChat unanswered, and the plan may not be repeated
   * whatever the time: the next processing must know, so the claim stays as in a call.
   */
  boolean inDoubt() {
    return unanswered.getAsBoolean() && !plan.repeatable();
  }

  /** Claims until granted, done or behind: a busy command is waited for (another worker has it). */
  private Claim claim() throws InterruptedException {
    while (true) {
      // The lease runs from Redis's moment, which comes before the answer: its age is counted from
      // before the request, never less than it is.
      Instant asked = clock.instant();
      Claim claim =
          claimedBefore
              ? ledger.renew(plan.commandId(), orderKey, owner, lease)
              : ledger.claim(plan.commandId(), orderKey, owner, lease);
      claimedAt = asked;
      if (!(claim instanceof Claim.Busy busy)) {
        claimedBefore = true;
        return claim;
      }
      Duration nap = busy.remaining();
      sleeper.sleep(nap.compareTo(MAX_BUSY_NAP) > 0 ? MAX_BUSY_NAP : nap);
    }
  }

  /** Keeps the claim alive across long permit waits and retries; cheap when recent. */
  void renewIfOld() throws InterruptedException {
    if (Duration.between(claimedAt, clock.instant()).compareTo(lease.dividedBy(3)) < 0) {
      return;
    }
    // Taken over means this claim was lost meanwhile (its lease ran out and someone else held
    // it): another worker may be in a call for this command, so this run must not go on.
    if (!(claim() instanceof Claim.Granted granted) || granted.takenOver()) {
      throw new IllegalStateException(
          "command "
              + plan.commandId()
              + " ended, was queued or was taken over by another worker meanwhile");
    }
  }
}
