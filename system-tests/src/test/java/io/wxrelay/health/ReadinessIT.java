package io.wxrelay.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.faults.GatewayOnOwnBroker;
import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.kit.config.Env;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.testkit.OwnBroker;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.SendWorker;
import io.wxrelay.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health that tells the truth: the gateway and a worker on a broker of this test's own are ready;
 * with the broker stopped (by its PID) both say not ready and why; with it back, both are ready
 * again, without a restart. Liveness stays up throughout: a broker outage is not theirs to fix.
 */
@ExtendWith(RealInfrastructure.class)
class ReadinessIT {
  private static final String APPID = SimConfig.DEFAULT_APPID;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void withoutTheirBrokerTheGatewayAndAWorkerAreNotReadyAndReadyAgainOnceItIsBack(
      RedisEndpoint redis) throws Exception {
    String run = "readiness-" + UUID.randomUUID().toString().substring(0, 8);
    try (OwnBroker broker = OwnBroker.start();
        CallbackGateway gateway =
            GatewayOnOwnBroker.start(broker, redis, APPID, "token", Map.of());
        SendWorker worker =
            SendWorker.start(
                WorkerConfig.fromEnv(
                    Env.of(
                        Map.of(
                            "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                            "REDIS_URL", redis.url().toString(),
                            "ADMIN_PORT", "0",
                            "WORKER_ID", run,
                            "WORKER_REDIS_PREFIX", redis.uniquePrefix(run)))),
                Clock.systemUTC())) {
      URI gatewayReady = ready(gateway.adminPort());
      URI workerReady = ready(worker.adminPort());
      awaitStatus(gatewayReady, 200, "kafka: up");
      awaitStatus(workerReady, 200, "commands consumer: up", "events consumer: up");

      broker.stop();
      awaitStatus(gatewayReady, 503, "kafka: DOWN - Kafka does not answer");
      awaitStatus(workerReady, 503, "kafka: DOWN - Kafka does not answer");
      assertThat(
              get(URI.create("http://127.0.0.1:" + worker.adminPort() + "/health/live"))
                  .statusCode())
          .isEqualTo(200);

      broker.startAgain();
      awaitStatus(gatewayReady, 200, "kafka: up");
      awaitStatus(workerReady, 200, "kafka: up", "commands consumer: up");
    }
  }

  private static URI ready(int adminPort) {
    return URI.create("http://127.0.0.1:" + adminPort + "/health/ready");
  }

  private void awaitStatus(URI uri, int status, String... inBody) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              HttpResponse<String> answer = get(uri);
              assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
              assertThat(answer.body()).contains(inBody);
            });
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
