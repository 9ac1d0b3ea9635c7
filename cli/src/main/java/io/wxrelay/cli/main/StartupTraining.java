package io.wxrelay.cli.main;

import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.cli.send.CommandEvents;
import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * What {@code ./wxrelay} runs once, in the background, to make the JVM's ahead-of-time cache
 * (decision 0035): the CLI's usual paths without a broker, a relay or a word printed. The {@code
 * local} training (for the lines that print help, the version or the accounts file; decision 0041)
 * runs a few lines as a user types them (help) and lists an accounts file. The {@code full} one,
 * the default, also builds the whole command line, checks and encodes a {@code wechat.custom.send},
 * and makes (and closes) the Kafka producer and consumer that {@code send --wait} uses, so that
 * their classes are in the cache. It writes nothing anywhere.
 */
public final class StartupTraining {
  /** Where no broker listens: the clients are made, never connected. */
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
   * and deleted after: what the commands print goes nowhere.
   */
  static void run(Path parent, Kind kind) throws IOException {
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
      if (kind == Kind.FULL) {
        clients(CliSettings.fromEnv(Env.of(env)));
      }
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
      CommandLine cli = WxRelay.forLine(env, line);
      cli.setOut(new PrintWriter(Writer.nullWriter()));
      cli.setErr(new PrintWriter(Writer.nullWriter()));
      cli.execute(line);
    }
  }

  private static void clients(CliSettings settings) {
    ContractCodec codec = ContractCodec.lazy();
    var command =
        new CommandEvents(codec)
            .encode(
                CommandEvents.command(
                    "cli-training",
                    "/wxrelay/cli",
                    APPID,
                    Instant.now(),
                    new CustomSend("oTraining", CustomMessage.text("training"))));
    codec.mapper().readTree(command.value());
    TopicReader.idle(settings.kafka()).close();
    new CommandWriter(settings.kafka()).close();
  }
}
