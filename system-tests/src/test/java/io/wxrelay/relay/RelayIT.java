package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The new user's path, as the README writes it: {@code scripts/up.sh} starts the whole relay (real
 * processes, the real Prometheus), {@code ./wxrelay demo} runs green and its summary matches the
 * simulator's truth, every command type goes through {@code ./wxrelay send --wait}, the DLQ is
 * listed and replayed, and {@code scripts/down.sh} leaves no process of ours behind.
 *
 * <p>The relay runs beside any other: its ports are moved by {@code WXRELAY_PORT_OFFSET}, its pid
 * files and logs live under this module's {@code target/}, and its topics, consumer groups and
 * Redis keys carry this run's names.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayIT {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final int OFFSET = 20000;
  private static final URI SIM = URI.create("http://127.0.0.1:" + (8089 + OFFSET));

  /**
   * What the README's commands for tags, templates, followers, menus, publishing and material print
   * besides their result.
   */
  private static final Map<String, String> README_SHOWS =
      Map.of(
          "./wxrelay tags list ", "Autumn buyers",
          "./wxrelay template list ", "tpl-1-aac90e819aab3d1ca41974e2",
          "./wxrelay template send ", "finished: success: delivered to oAlice (msgid ",
          "./wxrelay users sync ", "followers: ",
          "./wxrelay menu get ", "Today's offers",
          "./wxrelay publish submit ", "finished: success: published as ",
          "./wxrelay material count ", "used");

  private final JsonHttp http = new JsonHttp();
  private LocalRelay relay;

  @BeforeAll
  void up(KafkaEndpoint kafka, RedisEndpoint redis) throws IOException {
    relay = LocalRelay.started(kafka, redis, OFFSET);
    Shell.Run up = relay.lastUp();
    assertThat(up.out())
        .as(up.transcript())
        .contains("wxrelay is up (ready after")
        .contains("the simulator at " + SIM)
        .contains(
            "worker-2", "token-2", "gateway", "prometheus", "http://127.0.0.1:" + (9090 + OFFSET));
  }

  @AfterAll
  void down() throws IOException {
    relay.downLeavingNothing();
  }

  @Test
  @Order(1)
  void everyServiceRecordedItsPidAnswersAndASecondUpStartsNothing() throws Exception {
    // simulator, 2 token-services, gateway, 2 workers, Prometheus
    assertThat(relay.pids()).hasSize(7);
    JsonNode targets =
        http.get(URI.create("http://127.0.0.1:" + (9090 + OFFSET) + "/api/v1/targets"));
    assertThat(targets.path("data").path("activeTargets")).hasSize(5);

    Shell.Run again = relay.run("scripts/up.sh");
    assertThat(again.exitCode()).as(again.transcript()).isZero();
    assertThat(again.out().lines().filter(l -> l.contains("already running"))).hasSize(7);
    assertThat(again.out()).doesNotContain(" started (pid");
  }

  @Test
  @Order(2)
  void theDemoRunsGreenAndItsSummaryIsTheSimulatorsTruth() throws Exception {
    Shell.Run demo = relay.run("scripts/demo.sh");

    assertThat(demo.exitCode()).as(demo.transcript()).isZero();
    assertThat(demo.out())
        .as(demo.transcript())
        .contains("demo: every step did what it should.")
        .doesNotContain("   ! ");
    // The newcomer's reply, as the demo reported it and as WeChat (the simulator) delivered it.
    String newcomer = find(demo.out(), "A newcomer, (oNewcomer\\w+), scans it");
    JsonNode delivered =
        http.get(SIM.resolve("/sim/truth/deliveries?appid=" + APPID + "&openid=" + newcomer));
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).path("msgtype").asString()).isEqualTo("news");
    assertThat(demo.out())
        .contains(
            "reply delivered to the newcomer",
            "1 message (news \""
                + delivered.get(0).path("text").asString().replaceFirst("^news:", ""));
    // Each broadcast's sent count, as the finish events said, is what WeChat delivered.
    Matcher sent =
        Pattern.compile(
                "sent ([\\d,]+) of ([\\d,]+)\\s+wechat.mass.finished\\n\\s+delivered by WeChat\\s+([\\d,]+)")
            .matcher(demo.out());
    int broadcasts = 0;
    while (sent.find()) {
      broadcasts++;
      assertThat(sent.group(1)).isEqualTo(sent.group(3));
    }
    assertThat(broadcasts).as(demo.out()).isEqualTo(2);
    assertThat(demo.out()).contains("2 chunks, sent 12,000 of 12,000");
    // The campaign's buyers: tagged in calls of 50, exactly they carry the tag, and the broadcast
    // to the tag was meant for exactly them.
    assertThat(demo.out())
        .contains("1,200 in 24 calls; the tag has 1,200 members")
        .contains("1 chunk, sent 1,200 of 1,200");
    // The token rotation: one refresh, and the alarm Prometheus scraped.
    assertThat(demo.out())
        .contains("one refresh")
        .containsPattern("foreign-rotation alarm\\s+\\+1");
    Path png = Shell.root().resolve(find(demo.out(), "PNG saved: (\\S+)"));
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  @Order(3)
  void theReadmesCliCommandsRunAsWritten() throws Exception {
    String block = Readme.bashBlockAfter("these run as written:");
    List<String> lines = block.lines().filter(l -> l.startsWith("./wxrelay ")).toList();
    assertThat(lines).hasSizeGreaterThan(5);
    for (String line : lines) {
      Shell.Run run = relay.run(Readme.words(line));
      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertThat(run.err()).as(run.transcript()).isEmpty();
      if (line.contains("--wait")) {
        assertThat(run.out()).as(run.transcript()).contains("result: SUCCEEDED");
      }
      README_SHOWS.forEach(
          (command, shown) -> {
            if (line.startsWith(command)) {
              assertThat(run.out()).as(run.transcript()).contains(shown);
            }
          });
    }
  }

  @Test
  @Order(4)
  void everyCommandTypeGoesThroughTheCliAndItsResultIsFollowed() throws Exception {
    http.post(SIM.resolve("/sim/apps/" + APPID + "/users/oAlice/text"), "{\"content\":\"hello\"}");

    succeeds("send", "custom", "--to", "oAlice", "--text", "Hi Alice", "--wait");
    succeeds("send", "preview", "--to", "oAlice", "--text", "How the sale will look", "--wait");
    assertThat(
            succeeds(
                "send",
                "qr",
                "--scene",
                "42",
                "--expire",
                "1h",
                "--reply-text",
                "Welcome",
                "--wait"))
        .contains("ticket=");
    succeeds("send", "qr", "--scene", "shop-front", "--permanent", "--wait");
    String tagged = succeeds("send", "mass", "--tag", "101", "--text", "Tag 101 only", "--wait");
    assertThat(tagged).contains("finished: 1/1 chunks");
    String msgId = find(tagged, "msg_id=(\\d+)");
    assertThat(succeeds("send", "mass", "--to", "oCarol,oDave", "--text", "Two of you", "--wait"))
        .contains("finished: 1/1 chunks");
    succeeds("send", "mass-get", "--msg-id", msgId, "--wait");
    succeeds("send", "speed-get", "--wait");
    succeeds("send", "speed-set", "--speed", "1", "--wait");
    succeeds("send", "mass-delete", "--msg-id", msgId, "--wait");

    // A media upload whose file is not there (a host under .invalid never resolves): DEAD, on
    // the DLQ, replayable once the file is; --wait says so with exit 1.
    Path media = relay.runDir.resolve("media.json");
    Files.writeString(
        media,
        "{\"kind\":\"image\",\"file\":{\"url\":\"https://files.example.invalid/a.jpg\",\"filename\":\"a.jpg\"}}");
    Shell.Run dead =
        wxrelay("send", "media", "--data", media.toString(), "--id", "it-media-1", "--wait");
    assertThat(dead.exitCode()).as(dead.transcript()).isEqualTo(1);
    assertThat(dead.out()).contains("result: DEAD");
    // WeChat refuses a message to someone who is no follower for good: DEAD, stored in the ledger.
    Shell.Run refused =
        wxrelay(
            "send",
            "custom",
            "--to",
            "oNoSuchUser",
            "--text",
            "x",
            "--id",
            "it-nobody-1",
            "--wait");
    assertThat(refused.exitCode()).as(refused.transcript()).isEqualTo(1);
    assertThat(refused.out()).contains("result: DEAD");

    Shell.Run tail =
        wxrelay("tail", "results", "--from-beginning", "--type", "wechat.result", "--max", "3");
    assertThat(tail.exitCode()).as(tail.transcript()).isZero();
    assertThat(tail.out().lines()).hasSize(3).allMatch(l -> l.contains("wechat.result"));
    Shell.Run dlqTail =
        wxrelay("tail", "dlq", "--from-beginning", "--json", "--idle-timeout", "3s");
    assertThat(dlqTail.out()).contains("\"commandId\":\"it-media-1\"");

    Shell.Run token = wxrelay("token", "status");
    assertThat(token.exitCode()).as(token.transcript()).isZero();
    assertThat(token.out())
        .contains(APPID)
        .contains("replica token-1: ready", "replica token-2: ready");
  }

  @Test
  @Order(5)
  void aDeadCommandIsReplayedUnderItsIdAndRunsAgain() throws Exception {
    Shell.Run list = wxrelay("dlq", "list");
    assertThat(list.out())
        .as(list.transcript())
        .contains("it-media-1", "it-nobody-1")
        .contains("2 dead letters");

    Shell.Run dry = wxrelay("dlq", "replay", "--all", "--dry-run");
    assertThat(dry.out())
        .as(dry.transcript())
        .contains("would replay it-nobody-1 (stored result: DEAD)")
        .contains("would replay it-media-1 (stored result: DEAD)")
        .contains("2 would be replayed, 0 refused");
    assertThat(wxrelay("dlq", "list").out()).contains("2 dead letters");

    Shell.Run replay = wxrelay("dlq", "replay", "--id", "it-nobody-1");
    assertThat(replay.exitCode()).as(replay.transcript()).isZero();
    assertThat(replay.out()).contains("replayed it-nobody-1 (stored result was DEAD)");
    // Carried out again, not answered from the ledger: WeChat is asked again and it dies again.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(wxrelay("dlq", "list").out()).contains("3 dead letters"));

    Shell.Run unknown = wxrelay("dlq", "replay", "--id", "never-dead");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("error: no dead letter of command never-dead");
  }

  private String succeeds(String... args) {
    Shell.Run run = wxrelay(args);
    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out()).as(run.transcript()).contains("result: SUCCEEDED");
    return run.out();
  }

  private Shell.Run wxrelay(String... args) {
    return relay.wxrelay(args);
  }

  private String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex + " in:\n" + text).isTrue();
    return m.group(1);
  }
}
