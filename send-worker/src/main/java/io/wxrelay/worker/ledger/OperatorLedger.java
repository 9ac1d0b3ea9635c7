package io.wxrelay.worker.ledger;

import java.time.Duration;
import java.util.Optional;

/**
 * What an operator's tool ({@code wxrelay dlq replay}) may do to the ledger the workers share: read
 * what became of a command, and forget a result so that the command's replayed record is carried
 * out again instead of answered from the ledger. The workers never forget a result before its TTL.
 */
public interface OperatorLedger {

  /** The stored result record value of a done command; empty when not done or expired. */
  Optional<byte[]> storedResult(String commandId);

  /**
   * Forgets a done command whose stored result is still {@code result} (what the caller read), so
   * that its id is carried out again. False when the stored result changed or is gone.
   */
  boolean forget(String commandId, byte[] result);

  /**
   * How long the ledger keeps a DEAD result: a dead letter older than this may have lost its
   * result, and whether the command ran since cannot be known.
   */
  Duration deadResultTtl();
}
