package io.wxrelay.cli.demo;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.kit.accounts.Account;
import io.wxrelay.kit.accounts.Secrets;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wxrelay demo}: the mission end to end on the simulated WeChat, narrated. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The mission end to end on the simulated WeChat, narrated a line a step.",
      "It runs on a relay that scripts/up.sh started without an accounts file, and shows:",
      "  1. a QR code with a news reply, created through wechat.commands (its PNG saved);",
      "  2. a newcomer scans it: the subscribe event on wechat.events, the reply delivered;",
      "  3. a campaign's buyers tagged (calls of 50) and a broadcast to that tag, then one to a list"
          + " of thousands (chunks), with their progress;",
      "  4. the token rotated behind wxrelay's back: one refresh, and the alarm counter moves;",
      "  5. a summary whose every figure was observed (Kafka, the simulator's truth, Prometheus),"
          + " and the Prometheus queries behind it."
    },
    footer = {"", "Example:", "  scripts/up.sh && ./wxrelay demo"})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--buyers",
      defaultValue = "1200",
      description =
          "followers tagged as the campaign's buyers and broadcast to (default ${DEFAULT-VALUE})")
  int buyers;

  @Option(
      names = "--list-size",
      defaultValue = "12000",
      description =
          "followers of the listed broadcast (default ${DEFAULT-VALUE}; over 10,000 makes chunks)")
  int listSize;

  @Option(names = "--out", description = "where the QR code's PNG goes (default: .run/relay/demo)")
  Path outDir;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    URI simulator = simulator(settings);
    URI prometheus = prometheus(settings);
    Account account = account(settings);
    Path out =
        outDir != null
            ? outDir
            : Path.of(settings.env().string("WXRELAY_RELAY_DIR", ".run/relay"), "demo");
    ContractCodec codec = ContractCodec.create();
    try (JsonHttp http = new JsonHttp(codec.mapper());
        RelayRedis redis = RelayRedis.connect(settings);
        TopicReader results =
            TopicReader.open(settings.kafka(), settings.topic(Topic.RESULTS), false);
        TopicReader events =
            TopicReader.open(settings.kafka(), settings.topic(Topic.EVENTS), false);
        CommandWriter writer = new CommandWriter(settings.kafka())) {
      DemoRelay relay =
          new DemoRelay(
              settings,
              account.appid(),
              codec,
              new Prometheus(http, prometheus),
              redis,
              results,
              events,
              writer);
      DemoRun run =
          new DemoRun(
              settings,
              account,
              new Simulator(http, simulator),
              relay,
              new Narrator(spec.commandLine().getOut()),
              out);
      return run.run(buyers, listSize) ? 0 : CliError.NOT_SUCCEEDED;
    }
  }

  private static URI simulator(CliSettings settings) {
    return settings
        .simulator()
        .orElseThrow(
            () ->
                new CliError(
                    "the demo runs on the simulated WeChat: start the relay with scripts/up.sh"
                        + " without WXRELAY_ACCOUNTS_FILE (WXRELAY_SIM_URL is not set)"));
  }

  private static URI prometheus(CliSettings settings) {
    return settings
        .prometheus()
        .orElseThrow(
            () ->
                new CliError(
                    "WXRELAY_PROMETHEUS_URL is not set: start the relay with scripts/up.sh"));
  }

  /** The account, with its secret: the demo plays someone outside wxrelay who holds it. */
  private static Account account(CliSettings settings) {
    return settings.accounts(Set.of(Secrets.APP_SECRET)).stream()
        .filter(a -> a.appid().equals(settings.appid(null)))
        .findFirst()
        .orElseThrow();
  }
}
