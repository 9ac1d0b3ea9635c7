package io.wxrelay.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.dlq.ReplayPolicy.Decision;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.ledger.OperatorLedger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read, act and print steps of {@code dlq replay} around its policy. */
class ReplayStepsTest {
  private final StringWriter printed = new StringWriter();
  private final FakeLedger ledger = new FakeLedger();

  /** The ledger in memory: what an operator's tool sees of it. */
  private static final class FakeLedger implements OperatorLedger {
    final Map<String, byte[]> results = new HashMap<>();

    @Override
    public Optional<byte[]> storedResult(String commandId) {
      return Optional.ofNullable(results.get(commandId));
    }

    @Override
    public boolean forget(String commandId, byte[] result) {
      byte[] stored = results.get(commandId);
      return stored != null
          && java.util.Arrays.equals(stored, result)
          && results.remove(commandId) != null;
    }

    @Override
    public Duration deadResultTtl() {
      return Duration.ofDays(30);
    }
  }

  private ReplayReport report(boolean dryRun) {
    return new ReplayReport(new PrintWriter(printed, true), dryRun);
  }

  @Test
  void aStoredResultIsReadWithItsTypedStatus() {
    ledger.results.put("crm-1", bytes("{\"data\":{\"status\":\"DEAD\"}}"));
    ledger.results.put("crm-2", bytes("{\"data\":{\"status\":\"SOMETHING\"}}"));
    var mapper = ContractCodec.newMapper();

    assertThat(StoredResult.read(ledger, "crm-1", mapper))
        .map(StoredResult::status)
        .contains(Status.DEAD);
    assertThat(StoredResult.read(ledger, "crm-2", mapper))
        .map(StoredResult::status)
        .as("unreadable: nothing says WeChat did not act")
        .contains(Status.UNKNOWN);
    assertThat(StoredResult.read(ledger, "crm-3", mapper)).isEmpty();
    assertThat(StoredResult.describe(Optional.empty())).isEqualTo("none");
  }

  @Test
  void aDryRunSaysWhatItWouldWriteWhereAndChangesNothing() {
    ledger.results.put("crm-1", bytes("{}"));
    ReplayReport report = report(true);
    var stored = Optional.of(new StoredResult(Status.DEAD, bytes("{}")));

    new ReplayAct.DryRun("wechat.commands", report).replay(letter("crm-1"), stored);

    assertThat(printed.toString())
        .isEqualTo("would replay crm-1 (stored result: DEAD) to wechat.commands, key wx1:oA\n");
    assertThat(ledger.results).containsKey("crm-1");
    assertThat(report.finish()).isZero();
    assertThat(printed.toString()).endsWith("1 would be replayed, 0 refused\n");
  }

  @Test
  void aResultThatChangedSinceItWasReadIsNotForgottenAndNothingIsWritten() {
    ledger.results.put("crm-1", bytes("{\"data\":{\"status\":\"SUCCEEDED\"}}"));
    ReplayReport report = report(false);
    var seen =
        Optional.of(new StoredResult(Status.DEAD, bytes("{\"data\":{\"status\":\"DEAD\"}}")));

    // No writer: writing here would fail the test.
    new ReplayAct.WriteBack(ledger, null, "wechat.commands", report).replay(letter("crm-1"), seen);

    assertThat(printed.toString())
        .isEqualTo("skip    crm-1: its stored result changed while replaying; run again\n");
    assertThat(ledger.results).containsKey("crm-1");
  }

  @Test
  void refusalsAndUnheldLettersAreCountedAndFailTheRun() {
    ReplayReport report = report(false);

    report.decided("a", new Decision.Refuse("its stored result is UNKNOWN"));
    report.decided("b", new Decision.Unheld("wechat.commands-0@5"));
    report.decided("c", new Decision.Skip("malformed (the same record would die again)"));
    report.decided("d", new Decision.Replay(Optional.of("an attempt went unanswered")));
    report.decided("e", new Decision.Replay(Optional.empty()));
    report.replayed("d", "none");

    assertThat(report.finish()).isEqualTo(CliError.NOT_SUCCEEDED);
    assertThat(printed.toString().lines().toList())
        .containsExactly(
            "refuse  a: not replayed because its stored result is UNKNOWN (--force sends it"
                + " again)",
            "skip    b: the letter does not hold the command (too large for the DLQ); it is at"
                + " wechat.commands-0@5",
            "skip    c: malformed (the same record would die again)",
            "force   d: replayed although an attempt went unanswered",
            "replayed d (stored result was none)",
            "1 replayed, 2 refused");
  }

  private static DeadLetters.Letter letter(String id) {
    var tree = ContractCodec.newMapper().createObjectNode();
    tree.putObject("data")
        .put("commandId", id)
        .putObject("original")
        .put("key", "wx1:oA")
        .put("valueBase64", "e30=");
    return DeadLetters.Letter.of(tree, List.of());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
