package io.wxrelay.worker.ledger;

import java.time.Duration;

/**
 * Which commands are being carried out and which are done, shared by every worker (Redis). A
 * command id is claimed before its WeChat call and its result stored after it, so a replayed
 * command gets the stored result and never a second call.
 */
public interface CommandLedger {

  /** What a claim found. */
  sealed interface Claim {
    /**
     * The caller now holds the command until the lease ends. {@code takenOver}: another holder's
     * lease ran out first (it may have died during its call, so WeChat may already have acted).
     */
    record Granted(boolean takenOver) implements Claim {}

    /** The command is done; {@code result} is its stored result record value. */
    record Done(byte[] result) implements Claim {}

    /** Someone else holds it for {@code remaining} more. */
    record Busy(Duration remaining) implements Claim {}
  }

  /** Claims {@code commandId} for {@code owner} (unique per processing of a record). */
  Claim claim(String commandId, String owner, Duration lease);

  /** Gives up a claim whose call certainly did not reach WeChat, so that a later attempt is new. */
  void release(String commandId, String owner);

  /**
   * Stores the terminal result of {@code commandId}. Returns the result stored for it, which is an
   * earlier one if another worker finished it first: publish what this returns.
   */
  byte[] complete(String commandId, byte[] result);
}
