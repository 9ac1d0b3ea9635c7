package io.wxrelay.cli.dlq;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wxrelay dlq replay}: writes dead commands back to {@code wechat.commands}, byte for byte
 * and with their headers (a binary-mode command's attributes), under their own ids. The ledger
 * remembers every command's result, so a replayed id would only get its stored result again: replay
 * first forgets a stored DEAD (or FAILED) result, which means WeChat never carried the command out.
 * A SUCCEEDED or UNKNOWN result (WeChat did, or may have) is kept and the command is not replayed,
 * unless {@code --force} says the operator wants a second send.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Write dead commands back to wechat.commands under their own ids, so a worker carries them"
          + " out again and publishes a new result (same result id, result-<command id>).",
      "A stored DEAD or FAILED result is forgotten first; a SUCCEEDED or UNKNOWN one is never"
          + " overridden without --force. Letters of invalid, malformed or unknown-type records"
          + " are skipped: the same bytes would die again (fix them and send anew)."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay dlq replay --id crm-42 --dry-run",
      "  ./wxrelay dlq replay --all"
    })
final class DlqReplay implements Callable<Integer> {
  private static final Set<String> NOT_REPLAYABLE = Set.of("malformed", "unknownType", "invalid");

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
      description = "also replay commands whose stored result is SUCCEEDED or UNKNOWN")
  boolean force;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    JsonMapper mapper = ContractCodec.newMapper();
    var out = spec.commandLine().getOut();
    Map<String, DeadLetters.Letter> latest = new LinkedHashMap<>();
    for (DeadLetters.Letter letter :
        DeadLetters.read(settings.kafka(), settings.topic(Topic.COMMANDS_DLQ), mapper)) {
      String id = letter.tree().path("data").path("commandId").asString("");
      if (!id.isEmpty() && (which.all || id.equals(which.id))) {
        latest.put(id, letter);
      }
    }
    if (which.id != null && latest.isEmpty()) {
      throw new CliError(
          "no dead letter of command "
              + which.id
              + " is retained on "
              + settings.topic(Topic.COMMANDS_DLQ));
    }
    int replayed = 0;
    int refused = 0;
    try (RelayRedis redis = RelayRedis.connect(settings);
        CommandWriter writer = dryRun ? null : new CommandWriter(settings.kafka())) {
      for (var entry : latest.entrySet()) {
        String id = entry.getKey();
        JsonNode data = entry.getValue().tree().path("data");
        String why = data.path("errorClass").asString("");
        if (NOT_REPLAYABLE.contains(why)) {
          out.printf("skip    %s: %s (the same record would die again)%n", id, why);
          continue;
        }
        Optional<byte[]> stored = redis.ledger().storedResult(id);
        String status =
            stored
                .map(r -> mapper.readTree(r).path("data").path("status").asString("?"))
                .orElse("none");
        boolean safe = status.equals("none") || status.equals("DEAD") || status.equals("FAILED");
        if (!safe && !force) {
          out.printf("refuse  %s: its stored result is %s (--force sends it again)%n", id, status);
          refused++;
          continue;
        }
        JsonNode original = data.path("original");
        if (original.path("valueBase64").asString("").isEmpty()) {
          out.printf(
              "skip    %s: the letter does not hold the command (too large for the DLQ); it is at"
                  + " %s-%d@%d%n",
              id,
              original.path("topic").asString("?"),
              original.path("partition").asInt(),
              original.path("offset").asLong());
          refused++;
          continue;
        }
        if (dryRun) {
          out.printf(
              "would replay %s (stored result: %s) to %s, key %s%n",
              id, status, settings.topic(Topic.COMMANDS), original.path("key").asString(null));
          replayed++;
          continue;
        }
        if (stored.isPresent() && !redis.ledger().forget(id, stored.get())) {
          out.printf("skip    %s: its stored result changed while replaying; run again%n", id);
          continue;
        }
        byte[] value = Base64.getDecoder().decode(original.path("valueBase64").asString(""));
        writer.restore(
            settings.topic(Topic.COMMANDS),
            original.path("key").asString(null),
            value,
            entry.getValue().originalHeaders());
        out.printf("replayed %s (stored result was %s)%n", id, status);
        replayed++;
      }
    }
    out.printf("%d %s, %d refused%n", replayed, dryRun ? "would be replayed" : "replayed", refused);
    return refused > 0 ? CliError.NOT_SUCCEEDED : 0;
  }
}
