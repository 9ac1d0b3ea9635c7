package io.wxrelay.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.monitoring.PrometheusProcess.Target;
import io.wxrelay.relay.PrometheusApi;
import io.wxrelay.testkit.FreePort;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.SendWorker;
import io.wxrelay.worker.WorkerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The project's alert rules in a real Prometheus, scraping a real token-service and send-worker
 * against the simulator, fire on real faults: a WeChat outage fires WxrelayWeChatErrors for the
 * account (and it resolves when WeChat is back); a stopped token-service fires WxrelayServiceDown
 * and, once its last token has run out, WxrelayTokenExpired, which stayed quiet while it refreshed.
 * All along, a second worker whose Redis user lacks its keys holds its commands (see {@link
 * HeldWorker}): it fires WxrelayWorkerRedisBlocked and WxrelayServiceNotReady, and the commands
 * piling up behind its paused partition fire WxrelayConsumerLagGrowing and
 * WxrelayConsumerOldestRecordOld from the lag it reads from the brokers, while its consumer's own
 * records-lag-max never shows the backlog. The rules are deploy/prometheus/alerts.yml with every
 * wait divided by 60 (a minute is a second), nothing else changed; tokens live 20 s.
 */
@ExtendWith(RealInfrastructure.class)
class AlertsOnRealFaultsIT {
  private static final String APPID = WorkerFixture.APPID;
  private static final Duration TOKEN_TTL = Duration.ofSeconds(20);
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String HELD = "worker-held";

  @Test
  void aWeChatOutageAndAStoppedTokenServiceFireTheirAlerts(
      KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) throws Exception {
    int tokenAdmin = FreePort.next();
    try (WorkerFixture f =
        WorkerFixture.shortLivedTokens(
            kafka,
            redis,
            TOKEN_TTL,
            Duration.ofSeconds(8),
            Map.of("ADMIN_PORT", Integer.toString(tokenAdmin)))) {
      SendWorker worker = f.worker(Map.of());
      try (HeldWorker held = HeldWorker.start(f, kafka, redis);
          PrometheusProcess process =
              PrometheusProcess.start(
                  dir,
                  AlertsFile.shortened(60),
                  List.of(
                      new Target(tokenAdmin, "token-service", "token-1"),
                      new Target(worker.adminPort(), "send-worker", "worker-1"),
                      new Target(held.worker.adminPort(), "send-worker", HELD)))) {
        PrometheusApi prometheus = new PrometheusApi(process.base());
        await().atMost(BOUND).until(() -> prometheus.query("up{job=\"wxrelay\"} == 1").size() == 3);
        held.startBacklog(100);
        weChatOutage(f, prometheus);
        stoppedTokenService(f, prometheus);
        heldCommands(held, prometheus);
      }
    }
  }

  /** Every customer-service call fails (HTTP 503, -1 busy) until the outage is cleared. */
  private static void weChatOutage(WorkerFixture f, PrometheusApi prometheus) throws Exception {
    String run = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> warm = f.sendTexts(run + "-warm", 10, 10);
    await().atMost(BOUND).until(() -> warm.stream().allMatch(f.results::has));
    f.sim.faults().configure("message/custom/send: rate=1.0; errors=http503,-1");
    try {
      List<String> waiting = f.sendTexts(run, 20, 20);
      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(active(prometheus, "WxrelayWeChatErrors"))
                      .singleElement()
                      .satisfies(
                          a -> {
                            assertThat(a.path("labels").path("appid").asString()).isEqualTo(APPID);
                            assertThat(a.path("labels").path("class").asString())
                                .isEqualTo("retryable");
                            assertThat(a.path("state").asString()).isEqualTo("firing");
                          }));
      assertThat(waiting).noneMatch(f.results::has);
      // token-service refreshed all along (tokens live 20 s): no expiry, nothing down.
      assertThat(active(prometheus, "WxrelayTokenExpired")).isEmpty();
      assertThat(active(prometheus, "WxrelayServiceDown")).isEmpty();
    } finally {
      f.sim.faults().clear();
    }
    await().atMost(BOUND).until(() -> active(prometheus, "WxrelayWeChatErrors").isEmpty());
  }

  /** token-service stops; the worker goes on with the token in Redis until it runs out. */
  private static void stoppedTokenService(WorkerFixture f, PrometheusApi prometheus) {
    f.stopTokenService();
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(firing(prometheus, "WxrelayServiceDown"))
                  .singleElement()
                  .satisfies(
                      a ->
                          assertThat(a.path("labels").path("service").asString())
                              .isEqualTo("token-service"));
              assertThat(firing(prometheus, "WxrelayTokenExpired"))
                  .singleElement()
                  .satisfies(
                      a -> assertThat(a.path("labels").path("appid").asString()).isEqualTo(APPID));
            });
  }

  /**
   * The held worker is blocked and not ready, and its group falls behind on its topic, further and
   * further, with a first record older than 15 minutes; its consumer, paused, never reported that
   * lag itself.
   */
  private static void heldCommands(HeldWorker held, PrometheusApi prometheus) throws Exception {
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              for (String alert : List.of("WxrelayWorkerRedisBlocked", "WxrelayServiceNotReady")) {
                assertThat(firing(prometheus, alert))
                    .as(alert)
                    .singleElement()
                    .satisfies(a -> assertThat(label(a, "replica")).isEqualTo(HELD));
              }
              for (String alert :
                  List.of("WxrelayConsumerLagGrowing", "WxrelayConsumerOldestRecordOld")) {
                assertThat(firing(prometheus, alert))
                    .as(alert)
                    .singleElement()
                    .satisfies(
                        a -> {
                          assertThat(label(a, "group")).isEqualTo(held.group);
                          assertThat(label(a, "topic")).isEqualTo(held.topic);
                        });
              }
            });
    assertThat(
            prometheus.query(
                "max by (group) (wxrelay_kafka_group_lag_records{group=\"%s\"}) > 1000"
                    .formatted(held.group)))
        .as("the lag read from the brokers")
        .hasSize(1);
    String ownLag = "kafka_consumer_fetch_manager_records_lag_max{replica=\"%s\"}".formatted(HELD);
    assertThat(prometheus.query(ownLag)).as("the consumer's own records-lag-max").isNotEmpty();
    assertThat(prometheus.query(ownLag + " > 100"))
        .as("the consumer's own records-lag-max: NaN, or what it saw before it paused")
        .isEmpty();
  }

  private static String label(JsonNode alert, String name) {
    return alert.path("labels").path(name).asString();
  }

  /** The alerts named {@code name} that are pending or firing now. */
  private static List<JsonNode> active(PrometheusApi prometheus, String name) throws Exception {
    return prometheus.alerts().stream()
        .filter(a -> name.equals(a.path("labels").path("alertname").asString()))
        .toList();
  }

  private static List<JsonNode> firing(PrometheusApi prometheus, String name) throws Exception {
    return active(prometheus, name).stream()
        .filter(a -> "firing".equals(a.path("state").asString()))
        .toList();
  }
}
