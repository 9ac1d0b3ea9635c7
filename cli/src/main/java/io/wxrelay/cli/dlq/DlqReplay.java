package io.wxrelay.cli.dlq;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.dlq.ReplayPolicy.Decision;
import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.worker.ledger.OperatorLedger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wxrelay dlq replay}: writes dead commands back to {@code wechat.commands}, byte for byte
 * and with their headers (a binary-mode command's attributes), under their own ids. The ledger
 * remembers every command's result, so a replayed id would only get its stored result again: replay
 * first forgets a stored DEAD (or FAILED) result. A command WeChat carried out or may have (a
 * SUCCEEDED or UNKNOWN result, an attempt without an answer), or whose result the ledger no longer
 * holds, is not replayed unless {@code --force} says the operator wants a second send ({@link
 * ReplayPolicy}).
 *
 * <p>Each letter is read (its latest letter on the DLQ, the command's result in the ledger),
 * decided on ({@link ReplayPolicy}, pure), acted on ({@link ReplayAct}) and reported ({@link
 * ReplayReport}).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Write dead commands back to wechat.commands under their own ids, so a worker carries them"
          + " out again and publishes a new result (same result id, result-<command id>).",
      "A stored DEAD or FAILED result is forgotten first. Refused without --force: a command"
          + " whose stored result is SUCCEEDED or UNKNOWN (a result whose status cannot be read"
          + " counts as UNKNOWN), one with an attempt that went without"
          + " an answer (WeChat may have carried it out), and one whose result the ledger no"
          + " longer holds (WORKER_DEAD_RESULT_TTL) while its letter is older than that."
          + " Letters of invalid, malformed or unknown-type records are skipped: the same bytes"
          + " would die again (fix them and send anew)."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay dlq replay --id crm-42 --dry-run",
      "  ./wxrelay dlq replay --all"
    })
final class DlqReplay implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--id", required = true, description = "the command id to replay")
    String id;

    @Option(names = "--all", required = true, description = "every replayable letter")
    boolean all;
  }

  @Option(names = "--dry-run", description = "say what would be replayed; change nothing")
  boolean dryRun;

  @Option(
      names = "--force",
      description =
          "also replay commands WeChat carried out or may have, or whose result has expired:"
              + " a second send")
  boolean force;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    JsonMapper mapper = ContractCodec.newMapper();
    Map<String, DeadLetters.Letter> letters = select(settings, mapper);
    ReplayReport report = new ReplayReport(spec.commandLine().getOut(), dryRun);
    try (RelayRedis redis = RelayRedis.connect(settings);
        CommandWriter writer = dryRun ? null : new CommandWriter(settings.kafka())) {
      OperatorLedger ledger = redis.ledger();
      ReplayPolicy policy = new ReplayPolicy(ledger.deadResultTtl(), force);
      String commands = settings.topic(Topic.COMMANDS);
      ReplayAct act =
          dryRun
              ? new ReplayAct.DryRun(commands, report)
              : new ReplayAct.WriteBack(ledger, writer, commands, report);
      letters.forEach(
          (id, letter) -> {
            Optional<StoredResult> stored = StoredResult.read(ledger, id, mapper);
            Decision decision =
                policy.decide(letter.data(), stored.map(StoredResult::status), Instant.now());
            report.decided(id, decision);
            if (decision instanceof Decision.Replay) {
              act.replay(letter, stored);
            }
          });
    }
    return report.finish();
  }

  /** The latest letter of each command asked for, by command id. */
  private Map<String, DeadLetters.Letter> select(CliSettings settings, JsonMapper mapper) {
    String dlq = settings.topic(Topic.COMMANDS_DLQ);
    Map<String, DeadLetters.Letter> latest = new LinkedHashMap<>();
    for (DeadLetters.Letter letter : DeadLetters.read(settings.kafka(), dlq, mapper)) {
      String id = letter.commandId();
      if (!id.isEmpty() && (which.all || id.equals(which.id))) {
        latest.put(id, letter);
      }
    }
    if (which.id != null && latest.isEmpty()) {
      throw new CliError("no dead letter of command " + which.id + " is retained on " + dlq);
    }
    return latest;
  }
}
