package io.wxrelay.cli.dlq;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.ledger.OperatorLedger;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A command's result as the ledger holds it: its status, and its bytes, which a replay gives back
 * to the ledger to forget exactly this result.
 */
record StoredResult(Status status, byte[] value) {

  /**
   * The stored result of {@code commandId}, if the ledger holds one. A status that cannot be read
   * counts as UNKNOWN: nothing says WeChat did not act.
   */
  static Optional<StoredResult> read(OperatorLedger ledger, String commandId, JsonMapper mapper) {
    return ledger
        .storedResult(commandId)
        .map(value -> new StoredResult(status(value, mapper), value));
  }

  private static Status status(byte[] value, JsonMapper mapper) {
    try {
      return Status.valueOf(mapper.readTree(value).path("data").path("status").asString(""));
    } catch (RuntimeException e) {
      return Status.UNKNOWN;
    }
  }

  /** The status as the replay's lines name it: {@code DEAD}, or {@code none}. */
  static String describe(Optional<StoredResult> stored) {
    return stored.map(s -> s.status().name()).orElse("none");
  }
}
