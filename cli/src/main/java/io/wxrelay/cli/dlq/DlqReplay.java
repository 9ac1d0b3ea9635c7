package io.wxrelay.cli.dlq;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * first forgets a stored DEAD (or FAILED) result. A command WeChat carried out or may have (a
 * SUCCEEDED or UNKNOWN result, an attempt without an answer), or whose result the ledger no longer
 * holds, is not replayed unless {@code --force} says the operator wants a second send ({@link
 * ReplayPolicy}).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Write dead commands back to wechat.commands under their own ids, so a worker carries them"
          + " out again and publishes a new result (same result id, result-<command id>).",
      "A stored DEAD or FAILED result is forgotten first. Refused without --force: a command"
          + " whose stored result is SUCCEEDED or UNKNOWN, one with an attempt that went without"
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

  /** How one letter ended. */
  private enum Done {
    REPLAYED,
    REFUSED,
    SKIPPED
  }

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    ReplayPolicy policy =
        new ReplayPolicy(ReplaySettings.fromEnv(settings.env()).deadResultTtl(), force);
    JsonMapper mapper = ContractCodec.newMapper();
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
        Done done = replay(entry.getKey(), entry.getValue(), policy, settings, redis, writer);
        replayed += done == Done.REPLAYED ? 1 : 0;
        refused += done == Done.REFUSED ? 1 : 0;
      }
    }
    spec.commandLine()
        .getOut()
        .printf(
            "%d %s, %d refused%n", replayed, dryRun ? "would be replayed" : "replayed", refused);
    return refused > 0 ? CliError.NOT_SUCCEEDED : 0;
  }

  /** Decides on the letter of command {@code id}, says so, and writes it back when it may. */
  private Done replay(
      String id,
      DeadLetters.Letter letter,
      ReplayPolicy policy,
      CliSettings settings,
      RelayRedis redis,
      CommandWriter writer) {
    var out = spec.commandLine().getOut();
    JsonNode data = letter.tree().path("data");
    Optional<byte[]> stored = redis.ledger().storedResult(id);
    JsonMapper mapper = ContractCodec.newMapper();
    Optional<ReplayPolicy.Stored> result =
        stored.map(r -> ReplayPolicy.Stored.of(mapper.readTree(r)));
    String status = result.map(ReplayPolicy.Stored::status).orElse("none");
    switch (policy.decide(data, result, Instant.now())) {
      case ReplayPolicy.Decision.Skip skip -> {
        out.printf("skip    %s: %s%n", id, skip.why());
        return Done.SKIPPED;
      }
      case ReplayPolicy.Decision.Refuse refuse -> {
        out.printf(
            "refuse  %s: not replayed because %s (--force sends it again)%n", id, refuse.why());
        return Done.REFUSED;
      }
      case ReplayPolicy.Decision.Replay replay ->
          replay
              .overridden()
              .ifPresent(why -> out.printf("force   %s: replayed although %s%n", id, why));
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
      return Done.REFUSED;
    }
    if (dryRun) {
      out.printf(
          "would replay %s (stored result: %s) to %s, key %s%n",
          id, status, settings.topic(Topic.COMMANDS), original.path("key").asString(null));
      return Done.REPLAYED;
    }
    if (stored.isPresent() && !redis.ledger().forget(id, stored.get())) {
      out.printf("skip    %s: its stored result changed while replaying; run again%n", id);
      return Done.SKIPPED;
    }
    writer.restore(
        settings.topic(Topic.COMMANDS),
        original.path("key").asString(null),
        Base64.getDecoder().decode(original.path("valueBase64").asString("")),
        letter.originalHeaders());
    out.printf("replayed %s (stored result was %s)%n", id, status);
    return Done.REPLAYED;
  }
}
