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
 * The rules are deploy/prometheus/alerts.yml with every wait divided by 60 (a minute is a second),
 * nothing else changed; tokens live 20 s.
 */
@ExtendWith(RealInfrastructure.class)
class AlertsOnRealFaultsIT {
  private static final String APPID = WorkerFixture.APPID;
  private static final Duration TOKEN_TTL = Duration.ofSeconds(20);
  private static final Duration BOUND = Duration.ofSeconds(30);

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
      try (PrometheusProcess process =
          PrometheusProcess.start(
              dir,
              AlertsFile.shortened(60),
              List.of(
                  new Target(tokenAdmin, "token-service", "token-1"),
                  new Target(worker.adminPort(), "send-worker", "worker-1")))) {
        PrometheusApi prometheus = new PrometheusApi(process.base());
        await().atMost(BOUND).until(() -> prometheus.query("up{job=\"wxrelay\"} == 1").size() == 2);
        weChatOutage(f, prometheus);
        stoppedTokenService(f, prometheus);
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
