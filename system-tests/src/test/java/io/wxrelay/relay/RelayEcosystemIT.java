package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.wxrelay.endtoend.SdkClients;
import io.wxrelay.monitoring.AlertsFile;
import io.wxrelay.monitoring.Dashboard;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * The relay ({@code scripts/up.sh}, after the demo's traffic) as other tools see it: Kafka's
 * console producer as the README writes it, the official CloudEvents SDK writing a binary-mode
 * command that dies and is replayed with its headers, the SDK reading every record on every topic,
 * and the real Prometheus answering every dashboard panel's query and firing an alert.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayEcosystemIT {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final int OFFSET = 23000;
  private static final URI SIM = URI.create("http://127.0.0.1:" + (8089 + OFFSET));

  private final JsonHttp http = new JsonHttp();
  private LocalRelay relay;

  @BeforeAll
  void up(KafkaEndpoint kafka, RedisEndpoint redis) throws IOException {
    relay = LocalRelay.started(kafka, redis, OFFSET);
  }

  @AfterAll
  void down() throws IOException {
    relay.downLeavingNothing();
  }

  @Test
  @Order(1)
  void theDemoRunsGreen() {
    // Its traffic feeds the dashboard; its token rotation from outside drives an alert.
    Shell.Run demo = relay.run("scripts/demo.sh");
    assertThat(demo.exitCode()).as(demo.transcript()).isZero();
  }

  @Test
  @Order(2)
  void theReadmesConsoleProducerCommandsRunAsWritten() throws Exception {
    String block = Readme.bashBlockAfter("After `scripts/up.sh`, these run as written:");
    // The README names the local relay's defaults; this relay has its own broker and topics.
    String script =
        block
            .replace("127.0.0.1:9092", relay.env.get("KAFKA_BOOTSTRAP_SERVERS"))
            .replace(
                "--topic wechat.commands", "--topic " + relay.env.get("WXRELAY_TOPIC_COMMANDS"));

    Shell.Run run = relay.run("bash", "-c", script);

    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out()).as(run.transcript()).contains("console-qr-1", "SUCCEEDED");
  }

  @Test
  @Order(2)
  void theReadmesJsSdkSignatureIsAcceptedAsTheJsSdkChecksIt() throws Exception {
    String block = Readme.bashBlockAfter("the second hands the answer to the simulator");
    // The README names the local relay's defaults; this relay's ports and folder are moved.
    String script =
        block
            .replace("127.0.0.1:8081", "127.0.0.1:" + (8081 + OFFSET))
            .replace("127.0.0.1:8089", "127.0.0.1:" + (8089 + OFFSET))
            .replace(".run/relay/", relay.env.get("WXRELAY_RUN_DIR") + "/relay/");

    Shell.Run run = relay.run("bash", "-c", script);

    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out())
        .as(run.transcript())
        .containsPattern("\\{\"appId\":\"" + APPID + "\",\"timestamp\":\\d+,\"nonceStr\":\"\\w+\",")
        .containsPattern("\"signature\":\"[0-9a-f]{40}\"")
        .contains("{\"ok\":true,\"errMsg\":\"config:ok\"}");
    // The page's URL is part of what is signed: another page's check fails.
    Shell.Run other =
        relay.run("bash", "-c", script.replace("orders/42?from=qr\\\"}", "orders/43\\\"}"));
    assertThat(other.out()).as(other.transcript()).contains("config:invalid signature");
  }

  @Test
  @Order(3)
  void aBinaryModeDeadCommandIsReplayedWithItsHeaders() throws Exception {
    String id = "it-binary-nobody-1";
    CloudEvent command =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("/it"))
            .withType("wechat.custom.send")
            .withSubject(APPID)
            .withData(
                "application/json",
                "{\"touser\":\"oNoSuchUser\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"
                    .getBytes(StandardCharsets.UTF_8))
            .build();
    try (var sdk = SdkClients.producer(relay.env.get("KAFKA_BOOTSTRAP_SERVERS"), Encoding.BINARY)) {
      sdk.send(new ProducerRecord<>(relay.env.get("WXRELAY_TOPIC_COMMANDS"), APPID, command))
          .get(10, TimeUnit.SECONDS);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> lettersOf(id).size() == 1);

    Shell.Run replay = wxrelay("dlq", "replay", "--id", id);
    assertThat(replay.exitCode()).as(replay.transcript()).isZero();

    // Replayed with its ce_ headers, the command is read again and WeChat refuses it again; without
    // them, its data alone would be no CloudEvent (a "malformed" letter).
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> lettersOf(id).size() == 2);
    assertThat(lettersOf(id)).containsExactly("permanent", "permanent");
  }

  @Test
  @Order(4)
  void theSdkReadsEveryRecordOnEveryTopicOfTheRelay() {
    // Everything written above: the demo's commands (through the CLI), the console producer's, the
    // SDK's and a replay, and all that the relay's processes wrote in answer.
    for (String topic :
        List.of("COMMANDS", "EVENTS", "RESULTS", "COMMANDS_RETRY", "COMMANDS_DLQ")) {
      var records =
          SdkClients.readToEnd(
              relay.env.get("KAFKA_BOOTSTRAP_SERVERS"),
              relay.env.get("WXRELAY_TOPIC_" + topic),
              Duration.ofSeconds(30));
      if (!topic.equals("COMMANDS_RETRY")) { // nothing waited for a retry here
        assertThat(records).as(topic).isNotEmpty();
      }
      assertThat(records).allSatisfy(r -> assertThat(r.value().getSubject()).isNotBlank());
    }
  }

  @Test
  @Order(5)
  void prometheusAnswersEveryDashboardPanelAndAnAlertFiresForReal() throws Exception {
    PrometheusApi prometheus = new PrometheusApi(URI.create("http://127.0.0.1:" + (9090 + OFFSET)));
    // A refused callback and a retried command, so that their series exist too.
    assertThat(
            http.postStatus(
                URI.create(
                    "http://127.0.0.1:"
                        + (8080 + OFFSET)
                        + "/wechat/"
                        + APPID
                        + "?signature=0&timestamp=1&nonce=1"),
                "<xml/>"))
        .isBetween(400, 499);
    http.put(SIM.resolve("/sim/faults/message/mass/speed/get"), "rate=1; errors=-1");
    assertThat(wxrelay("send", "speed-get", "--id", "it-retried-1").exitCode()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !prometheus.query("wxrelay_worker_retries_total").isEmpty());
    http.delete(SIM.resolve("/sim/faults"));
    assertThat(
            wxrelay("tail", "results", "--from-beginning", "--id", "it-retried-1", "--max", "1")
                .out())
        .contains("SUCCEEDED");

    assertThat(prometheus.rules()).isEqualTo(AlertsFile.rules().size());
    for (JsonNode panel : Dashboard.panels(Dashboard.read())) {
      for (JsonNode target : panel.path("targets")) {
        String promql = Dashboard.promql(target.path("expr").asString());
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(prometheus.query(promql))
                        .as("panel \"%s\": %s", panel.path("title").asString(), promql)
                        .isNotEmpty());
      }
    }
    // The demo rotated the token from outside: the alert fires once its minute has passed.
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(prometheus.alerts())
                    .anySatisfy(
                        alert -> {
                          assertThat(alert.path("labels").path("alertname").asString())
                              .isEqualTo("WxrelayTokenForeignRotation");
                          assertThat(alert.path("labels").path("appid").asString())
                              .isEqualTo(APPID);
                          assertThat(alert.path("state").asString()).isEqualTo("firing");
                        }));
  }

  /** The errorClass of every dead letter of command {@code id}, oldest first. */
  private List<String> lettersOf(String id) {
    Shell.Run list = wxrelay("dlq", "list", "--json");
    assertThat(list.exitCode()).as(list.transcript()).isZero();
    return list.out()
        .lines()
        .map(http::parse)
        .filter(letter -> id.equals(letter.path("data").path("commandId").asString()))
        .map(letter -> letter.path("data").path("errorClass").asString())
        .toList();
  }

  private Shell.Run wxrelay(String... args) {
    return relay.wxrelay(args);
  }
}
