package io.wxrelay.cli.main;

import io.wxrelay.cli.CliSettings;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.outcome.CommandResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * What {@code ./wxrelay} runs once, in the background, to make the JVM's ahead-of-time cache
 * (decision 0035): the CLI's usual paths without the user's broker, a relay or a word printed. The
 * {@code local} training (for the lines that print help, the version or the accounts file; decision
 * 0041) runs a few lines as a user types them (help) and lists an accounts file. The {@code full}
 * one, the default, also builds the whole command line and runs {@code send custom --wait} the
 * whole way against a {@link TrainingBroker} of its own on loopback, which answers the command with
 * a result (decision 0045): the Kafka clients' conversation is in the cache, not only their
 * construction. It writes nothing outside its temporary folder and that broker's memory.
 */
public final class StartupTraining {
  /** Where no broker listens: the lines before the send are built against it, never connect. */
  static final String NO_BROKER = "127.0.0.1:9";

  private static final String APPID = "wx5823bf96d3bd56c7";

  private StartupTraining() {}

  /**
   * The caches {@code ./wxrelay} makes: one for the lines that make no Kafka client, one for all.
   */
  enum Kind {
    LOCAL,
    FULL
  }

  /** Args: the kind, {@code local} or {@code full} (the default). */
  public static void main(String[] args) throws IOException {
    Kind kind = args.length == 0 ? Kind.FULL : Kind.valueOf(args[0].toUpperCase(Locale.ROOT));
    run(Path.of(System.getProperty("java.io.tmpdir")), kind);
  }

  /**
   * Runs the training of {@code kind} once, its accounts file in a folder made in {@code parent}
   * and deleted after: what the commands print goes nowhere. Returns the exit code of the full
   * training's {@code send --wait} (0: it went the whole way; -1: it could not start), 0 for the
   * local one.
   */
  static int run(Path parent, Kind kind) throws IOException {
    Path dir = Files.createTempDirectory(parent, "wxrelay-training");
    try {
      Path accounts = dir.resolve("accounts.yml");
      Files.writeString(
          accounts,
          "accounts:\n  - appid: "
              + APPID
              + "\n    name: training\n    tokenEndpoint: stable\n    mode: plain\n"
              + "    rateLimits:\n      mass: 60/1m\n");
      Map<String, String> env =
          Map.of(
              "KAFKA_BOOTSTRAP_SERVERS", NO_BROKER, "WXRELAY_ACCOUNTS_FILE", accounts.toString());
      if (kind == Kind.FULL) {
        WxRelay.commandLine(env); // every command, for whatever line comes
      }
      commandLines(env);
      return kind == Kind.FULL ? trainTheConversation(env) : 0;
    } finally {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
  }

  private static void commandLines(Map<String, String> env) {
    String[][] lines = {
      {"--help"},
      {"send", "--help"},
      {"send", "custom", "--help"},
      {"accounts"},
      {"--version"},
      {"no-such-command"}
    };
    for (String[] line : lines) {
      silently(env, line);
    }
  }

  /** Runs {@code line} as {@code ./wxrelay} would, what it prints going nowhere; its exit code. */
  private static int silently(Map<String, String> env, String... line) {
    CommandLine cli = WxRelay.forLine(env, line);
    cli.setOut(new PrintWriter(Writer.nullWriter()));
    cli.setErr(new PrintWriter(Writer.nullWriter()));
    return cli.execute(line);
  }

  /**
   * The broker conversation of {@code send --wait}, as far as it goes: a cache made from less is
   * still a cache, and one never made would have every later line start without one and try again.
   * Returns the line's exit code, -1 when the training broker could not start. {@code
   * StartupTrainingTest} holds it to the whole way.
   */
  private static int trainTheConversation(Map<String, String> env) {
    try {
      return sendAndWait(env);
    } catch (IOException | RuntimeException e) {
      return -1; // the lines before it are trained; the cache is made from what ran
    }
  }

  /**
   * Runs {@code send custom --wait} against a {@link TrainingBroker} that answers each command with
   * a SUCCEEDED result, as a relay would; returns the line's exit code (0: it went the whole way).
   */
  private static int sendAndWait(Map<String, String> env) throws IOException {
    CliSettings settings = CliSettings.fromEnv(Env.of(env));
    String commands = settings.topic(Topic.COMMANDS);
    String results = settings.topic(Topic.RESULTS);
    ContractCodec codec = ContractCodec.lazy();
    TrainingTopics.Answer answer =
        written -> {
          if (!written.topic().equals(commands)) {
            return Optional.empty();
          }
          String id = codec.mapper().readTree(written.value()).path("id").asString();
          Instant now = Instant.now();
          CommandResult result =
              CommandResult.of(id, "wechat.custom.send", CommandResult.Status.SUCCEEDED, 1, now);
          byte[] value =
              codec.encodeTrusted(
                  CloudEvent.of(
                      EventType.RESULT,
                      CloudEvent.derivedId("result-", id),
                      "/wxrelay/cli-training",
                      APPID,
                      now,
                      result));
          return Optional.of(
              new TrainingTopics.Written(results, id.getBytes(StandardCharsets.UTF_8), value));
        };
    try (TrainingBroker broker =
        new TrainingBroker(
            Map.of(
                commands,
                Topic.COMMANDS.defaultPartitions(),
                results,
                Topic.RESULTS.defaultPartitions()),
            answer)) {
      Map<String, String> toBroker = new HashMap<>(env);
      toBroker.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrap());
      return silently(
          toBroker,
          "send",
          "custom",
          "--to",
          "oTraining",
          "--text",
          "training",
          "--wait",
          "--timeout",
          "10s");
    }
  }
}
