package io.wxrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./wxrelay} as a user runs it, against the real broker: a good command is written once with
 * its key; every kind of bad input gets one sentence on stderr, a non-zero exit code, and nothing
 * on the topic.
 */
@ExtendWith(RealInfrastructure.class)
class CliInputIT {
  private static final String APPID = "wx5823bf96d3bd56c7";

  @TempDir Path dir;
  private KafkaEndpoint kafka;
  private String commands;
  private Map<String, String> env;

  @BeforeEach
  void setUp(KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    this.kafka = kafka;
    this.commands = kafka.createUniqueTopic("it-cli-commands", 3);
    Path accounts = dir.resolve("accounts.yml");
    Files.writeString(
        accounts,
        "accounts:\n  - appid: " + APPID + "\n    secret: s3cret-value\n    callbackToken: tok\n");
    env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("REDIS_URL", redis.url().toString());
    env.put("WXRELAY_ACCOUNTS_FILE", accounts.toString());
    env.put("WXRELAY_TOPIC_COMMANDS", commands);
    env.put("WXRELAY_RUN_DIR", dir.resolve("run").toString()); // no relay.env of a running relay
  }

  @Test
  void aGoodCommandIsWrittenOnceWithItsKeyAndItsIdIsPrinted() throws Exception {
    Shell.Run run =
        wxrelay(
            "send",
            "custom",
            "--to",
            "oAlice",
            "--text",
            "Your order has shipped",
            "--id",
            "it-cli-1");

    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out().strip()).isEqualTo("it-cli-1");
    assertThat(run.err()).isEmpty();
    assertThat(recordsOn(commands)).isEqualTo(1);
  }

  @Test
  void aKindNamedByItsTypeTakesItsWholeDataFromAFile() throws Exception {
    Path data = dir.resolve("broadcast.json");
    Files.writeString(
        data,
        "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");

    Shell.Run run =
        wxrelay("send", "wechat.mass.sendall", "--data", data.toString(), "--id", "it-cli-2");

    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out().strip()).isEqualTo("it-cli-2");
    assertThat(recordsOn(commands)).isEqualTo(1);
  }

  @Test
  void everyKindOfBadDataGetsOneSentenceAnExitCodeAndNothingWritten() throws Exception {
    Path badJson = dir.resolve("bad.json");
    Files.writeString(badJson, "{\"touser\": \"oAlice\", ");
    Path wrongShape = dir.resolve("wrong.json");
    Files.writeString(wrongShape, "{\"touser\":\"oAlice\",\"msgtype\":\"text\",\"text\":{}}");

    expectError(2, "unknown command type 'bogus'", "send", "bogus", "--text", "x");
    expectError(2, "is not valid JSON", "send", "custom", "--data", badJson.toString());
    expectError(
        2,
        "/data/text: required property 'content' not found",
        "send",
        "custom",
        "--data",
        wrongShape.toString());
    expectError(
        2,
        "cannot read --data",
        "send",
        "custom",
        "--data",
        dir.resolve("missing.json").toString());

    assertThat(recordsOn(commands)).as("nothing written by any of them").isZero();
  }

  @Test
  void everyKindOfBadFlagGetsOneSentenceAnExitCodeAndNothingWritten() throws Exception {
    expectError(
        2,
        "/data/touser: must have at least 2 items",
        "send",
        "mass",
        "--to",
        "oAlice",
        "--text",
        "x");
    expectError(
        2,
        "unknown account wx0000000000000001",
        "send",
        "custom",
        "--app",
        "wx0000000000000001",
        "--to",
        "oA",
        "--text",
        "x");
    expectError(2, "needs exactly one --to", "send", "custom", "--text", "x");
    expectError(
        2,
        "Unknown options: '--colour', 'red' (see: wxrelay send custom --help)",
        "send",
        "custom",
        "--colour",
        "red");

    assertThat(recordsOn(commands)).as("nothing written by any of them").isZero();
  }

  @Test
  void noBrokerIsOneSentenceAndExitCodeThree() {
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
    Shell.Run run = wxrelay("send", "custom", "--to", "oAlice", "--text", "x");

    assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
    assertThat(run.err().strip()).startsWith("error: no Kafka broker answered at 127.0.0.1:1");
    assertThat(run.err().lines().count()).as(run.transcript()).isEqualTo(1);
  }

  @Test
  void accountsShowWhatIsConfiguredAndNeverASecret() {
    Shell.Run run = wxrelay("accounts");

    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out())
        .contains(APPID, "stable", "plain", "set")
        .doesNotContain("s3cret-value", "tok\n");
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    for (List<String> command :
        List.of(
            List.of("--help"),
            List.of("send", "--help"),
            List.of("tail", "--help"),
            List.of("dlq", "--help"),
            List.of("dlq", "list", "--help"),
            List.of("dlq", "replay", "--help"),
            List.of("token", "--help"),
            List.of("token", "status", "--help"),
            List.of("accounts", "--help"),
            List.of("demo", "--help"))) {
      Shell.Run run = wxrelay(command.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertThat(run.out()).as(run.transcript()).contains("Usage: wxrelay").contains("./wxrelay ");
    }
  }

  @Test
  void makesItsStartUpCachesByItselfAndPrintsTheSameWithThemOrWithABrokenOne() throws Exception {
    Path cache = dir.resolve("startup-cache");
    env.put("WXRELAY_CLI_CACHE_DIR", cache.toString());

    Shell.Run first = wxrelay("accounts");
    Path local = madeWithin(cache, "local", Duration.ofMinutes(3));
    Shell.Run cached = wxrelay("accounts");
    Shell.Run badSend = wxrelay("send", "custom", "--to", "oAlice"); // no text: nothing written
    Path full = madeWithin(cache, "full", Duration.ofMinutes(3));
    Shell.Run badSendCached = wxrelay("send", "custom", "--to", "oAlice");
    Files.writeString(local, "not a cache");
    Shell.Run broken = wxrelay("accounts");

    assertThat(first.exitCode()).as(first.transcript()).isZero();
    for (Shell.Run run : List.of(cached, broken)) {
      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertThat(run.out()).as(run.transcript()).isEqualTo(first.out());
      assertThat(run.err()).as(run.transcript()).isEmpty();
    }
    assertThat(badSend.exitCode()).as(badSend.transcript()).isEqualTo(2);
    assertThat(badSendCached.err()).as(badSendCached.transcript()).isEqualTo(badSend.err());
    assertThat(badSendCached.exitCode()).as(badSendCached.transcript()).isEqualTo(2);
    assertThat(local.getFileName().toString()).matches("cli-local-[0-9-]+\\.(aot|jsa)");
    assertThat(full.getFileName().toString())
        .as("the same key as the local cache, which is kept")
        .isEqualTo(local.getFileName().toString().replace("cli-local-", "cli-full-"));
    assertThat(local).exists();
  }

  /**
   * The cache file of {@code kind} once the background maker renamed it into place (it polls: no
   * event for it).
   */
  private static Path madeWithin(Path cache, String kind, Duration bound) {
    return await()
        .atMost(bound)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> made(cache, kind), Optional::isPresent)
        .orElseThrow();
  }

  private static Optional<Path> made(Path cache, String kind) throws Exception {
    if (!Files.isDirectory(cache)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files
          .filter(f -> f.getFileName().toString().matches("cli-" + kind + "-.*\\.(aot|jsa)"))
          .findAny();
    }
  }

  private void expectError(int exitCode, String sentence, String... args) {
    Shell.Run run = wxrelay(args);
    assertThat(run.exitCode()).as(run.transcript()).isEqualTo(exitCode);
    assertThat(run.err()).as(run.transcript()).startsWith("error: ").contains(sentence);
    assertThat(run.err().lines().count()).as("one line: " + run.transcript()).isEqualTo(1);
    assertThat(run.out()).as(run.transcript()).isEmpty();
  }

  private Shell.Run wxrelay(String... args) {
    return CliRuns.wxrelay(env, args);
  }

  private long recordsOn(String topic) throws Exception {
    return CliRuns.recordsOn(kafka, topic);
  }
}
