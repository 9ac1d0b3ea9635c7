package io.wxrelay.cli.dlq;

import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.worker.ledger.OperatorLedger;
import java.util.Optional;

/** What {@code wxrelay dlq replay} does with a letter its policy lets through. */
sealed interface ReplayAct {

  /** Acts on the letter, whose command's stored result is {@code stored}, and reports it. */
  void replay(DeadLetters.Letter letter, Optional<StoredResult> stored);

  /** {@code --dry-run}: says what would be written where; changes nothing. */
  record DryRun(String commands, ReplayReport report) implements ReplayAct {
    @Override
    public void replay(DeadLetters.Letter letter, Optional<StoredResult> stored) {
      report.wouldReplay(letter.commandId(), StoredResult.describe(stored), commands, letter.key());
    }
  }

  /**
   * Forgets the command's stored result, then writes its record back to {@code wechat.commands}
   * byte for byte, with its original headers (a binary-mode command's attributes). Nothing is
   * written when the stored result changed since it was read (a worker finished it meanwhile).
   */
  record WriteBack(
      OperatorLedger ledger, CommandWriter writer, String commands, ReplayReport report)
      implements ReplayAct {
    @Override
    public void replay(DeadLetters.Letter letter, Optional<StoredResult> stored) {
      String id = letter.commandId();
      if (stored.isPresent() && !ledger.forget(id, stored.get().value())) {
        report.changed(id);
        return;
      }
      byte[] value = letter.value().orElseThrow(); // the policy replays only letters that hold it
      writer.restore(commands, letter.key(), value, letter.originalHeaders());
      report.replayed(id, StoredResult.describe(stored));
    }
  }
}
