package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.wechat.CallPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A command's hold on the ledger, one per processing of a record: taken once its first send is
 * booked (a worker that dies while queued for the rate limit has claimed nothing), renewed before
 * later calls when a third of the lease is gone, given up when the command is parked. Not
 * thread-safe; lives on the record's thread.
 */
final class Claims {
  private static final Duration MAX_BUSY_NAP = Duration.ofSeconds(1);

  private final CommandLedger ledger;
  private final Duration lease;
  private final Sleeper sleeper;
  private final CallPlan plan;
  private final String orderKey;
  private final String owner = UUID.randomUUID().toString();
  private long claimedAtNanos;
  private boolean held;
  private @Nullable Claim refusal;

  Claims(CommandLedger ledger, Duration lease, Sleeper sleeper, CallPlan plan, String orderKey) {
    this.ledger = ledger;
    this.lease = lease;
    this.sleeper = sleeper;
    this.plan = plan;
    this.orderKey = orderKey;
  }

  /**
   * Holds the command before a call. False when the run must stop without the call: {@link
   * #refusal} says why (done already, queued behind a parked command of its key, or taken over from
   * a holder that may have sent it when it cannot be repeated).
   */
  boolean hold() throws InterruptedException {
    if (held) {
      renew();
      return true;
    }
    Claim claim = claim();
    if (!(claim instanceof Claim.Granted granted)) {
      refusal = claim;
      return false;
    }
    held = true;
    if (granted.takenOver() && !plan.repeatable()) {
      refusal = claim; // the run ends UNKNOWN, and completes the claim it holds
      return false;
    }
    return true;
  }

  /** Why {@link #hold} said no: a {@link Claim.Done}, {@link Claim.Behind} or taken over. */
  Optional<Claim> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** Gives the claim up until {@code due}, holding the later commands of the key behind it. */
  void park(Instant due) {
    ledger.park(plan.commandId(), orderKey, owner, due);
    held = false;
  }

  /** Claims until granted, done or behind: a busy command is waited for (another worker has it). */
  private Claim claim() throws InterruptedException {
    while (true) {
      Claim claim = ledger.claim(plan.commandId(), orderKey, owner, lease);
      claimedAtNanos = System.nanoTime();
      if (!(claim instanceof Claim.Busy busy)) {
        return claim;
      }
      Duration nap = busy.remaining();
      sleeper.sleep(nap.compareTo(MAX_BUSY_NAP) > 0 ? MAX_BUSY_NAP : nap);
    }
  }

  /** Keeps the claim alive across long permit waits and retries; cheap when recent. */
  private void renew() throws InterruptedException {
    if (System.nanoTime() - claimedAtNanos < lease.toNanos() / 3) {
      return;
    }
    if (!(claim() instanceof Claim.Granted)) {
      throw new IllegalStateException(
          "command " + plan.commandId() + " ended or was queued by another worker meanwhile");
    }
  }
}
