package io.wxrelay.worker.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which commands are being carried out and which are done, shared by every worker (Redis). A
 * command id is claimed before its WeChat call and its result stored after it, so a replayed
 * command gets the stored result and never a second call.
 *
 * <p>A command of several dependent calls (an inline news broadcast: its thumbnails, its news, then
 * the broadcast) has each step's outcome remembered here, so that a retry or another worker after a
 * crash goes on from the last step done instead of uploading again.
 *
 * <p>It also keeps the order of a record key (one user's {@code appid:openid}) across parking: a
 * command parked on the retry topic holds the later commands of its key, which then wait behind it
 * instead of overtaking it. {@code orderKey} null: the command has no key, and no order to keep.
 */
public interface CommandLedger {

  /** What a claim found. */
  sealed interface Claim {
    /**
     * The caller now holds the command until the lease ends. {@code takenOver}: the holder before
     * may have been in the middle of a call (another holder whose lease ran out, or an earlier
     * processing by the same owner that stopped), so WeChat may already have acted. A claim given
     * back between calls ({@link #rest}) is taken over with {@code takenOver} false: nothing of it
     * was in flight.
     */
    record Granted(boolean takenOver) implements Claim {}

    /**
     * The command is done; {@code result} is its stored result record value, and {@code
     * publishedFor} the record whose processing published it ({@link #published}), if known.
     */
    record Done(byte[] result, @Nullable String publishedFor) implements Claim {
      /** Whether the stored result already went out for the record at {@code origin}. */
      public boolean publishedFor(String origin) {
        return origin.equals(publishedFor);
      }
    }

    /** Someone else holds it for {@code remaining} more. */
    record Busy(Duration remaining) implements Claim {}

    /**
     * An earlier command of the same key is parked until {@code due}: this one is now queued behind
     * it and must be parked as well, without a call.
     */
    record Behind(Instant due) implements Claim {}
  }

  /**
   * The first claim of a processing of {@code commandId} by {@code owner} (one worker processing
   * one record: the same owner comes back when that worker processes the record again). A claim
   * marks the command as in a call until {@link #rest}.
   */
  Claim claim(String commandId, String orderKey, String owner, Duration lease);

  /**
   * A later claim of the same processing, before another call: extends the holder's own claim (and
   * marks it as in a call again), or is answered as {@link #claim} when it was lost.
   */
  Claim renew(String commandId, String orderKey, String owner, Duration lease);

  /**
   * The holder is between calls, and nothing it sent may have acted or a repeat is harmless: a
   * holder that dies now leaves a claim the next one takes over without an UNKNOWN.
   */
  void rest(String commandId, String owner);

  /**
   * Gives up {@code owner}'s claim at once (it stops with no call in flight), so that the next
   * processing of the command does not wait out the lease.
   */
  void release(String commandId, String owner);

  /**
   * Gives up a claim whose call certainly did not reach WeChat, so that a later attempt is new, and
   * holds the later commands of {@code orderKey} until this one, due at {@code due}, has run again.
   */
  void park(String commandId, String orderKey, String owner, Instant due);

  /**
   * Stores the terminal result of {@code commandId} and lets the commands queued behind it go.
   * Returns the result stored for it, which is an earlier one if another worker finished it first:
   * publish what this returns.
   */
  byte[] complete(String commandId, String orderKey, byte[] result);

  /**
   * The stored result of {@code commandId} was published (acknowledged) by the processing of the
   * record at {@code origin} ({@code topic-partition@offset}): should that same record be processed
   * again (its offset was not committed yet), its result is not published a second time. A result
   * replayed for another record (the command written again) still goes out.
   */
  void published(String commandId, String origin);

  /**
   * As {@link #complete}, for a DEAD result (the command has a dead letter): kept as long as the
   * DLQ keeps letters, so that a replay of the letter still finds it.
   */
  byte[] completeDead(String commandId, String orderKey, byte[] result);

  /**
   * Remembers that step {@code step} of {@code commandId} is done and made {@code made} (a
   * media_id). Idempotent; a step's first outcome stays.
   */
  void stepDone(String commandId, String step, String made);

  /** The steps of {@code commandId} done so far: step name to what it made. */
  Map<String, String> stepsDone(String commandId);
}
