package io.wxrelay.worker;

import static io.wxrelay.worker.WorkerFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * A worker whose Redis user lacks its own keys (an ACL left wrong): the command is held, not lost
 * and not dead-lettered, readiness says why at once, and granting the permission lets it go on
 * without a restart (decision 0026). The user is this test's own, deleted at the end.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisRefusalIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aCommandRedisRefusesIsHeldVisiblyAndGoesOnOnceThePermissionIsGranted(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String user = "wxrelay-test-" + run;
    String password = UUID.randomUUID().toString();
    try (WorkerFixture f = new WorkerFixture(kafka, redis, SimRules.wechat(), 1);
        Jedis root = new Jedis(redis.url(), 5000)) {
      try {
        // Its tokens and channels, but not its own ledger, limiter and correlation keys.
        root.aclSetUser(
            user, "on", ">" + password, "allchannels", "+@all", "~" + f.tokenPrefix + "*");
        SendWorker worker =
            f.worker(
                Map.of(
                    "REDIS_URL",
                    as(redis.url(), user, password),
                    "WORKER_REDIS_BLOCKED_RETRY",
                    "300ms"));
        String openid = f.sim.accounts().population(APPID).openids(1).getFirst();
        f.sim.users().text(APPID, openid, "hello");
        String id = "refused-" + run;
        f.send(EventType.CUSTOM_SEND, id, new CustomSend(openid, CustomMessage.text(id)));
        f.flush();

        awaitBody(worker, "/health/ready", 503, "redis: DOWN - Redis refuses (noperm)");
        String metrics = get(worker, "/metrics").body();
        assertThat(metrics).containsPattern("wxrelay_worker_redis_blocked\\{[^}]*\\} 1.0");
        assertThat(metrics)
            .containsPattern(
                "wxrelay_worker_redis_errors_total\\{[^}]*kind=\"fatal\",reason=\"noperm\"[^}]*\\}"
                    + " [1-9]");
        assertThat(get(worker, "/health/ready").body()).doesNotContain(f.workerPrefix, id);
        assertThat(f.resultsOf(id)).isEmpty();
        assertThat(committed(kafka, f)).as("the held command's offset").isZero();

        root.aclSetUser(user, "~" + f.workerPrefix + "*");

        await().atMost(WAIT).until(() -> f.result(id) != null);
        assertThat(f.result(id).status()).isEqualTo(Status.SUCCEEDED);
        awaitBody(worker, "/health/ready", 200, "redis: up");
        assertThat(get(worker, "/metrics").body())
            .containsPattern("wxrelay_worker_redis_blocked\\{[^}]*\\} 0.0");
        await().atMost(WAIT).until(() -> committed(kafka, f) == 1);
        assertThat(f.dlq.keys()).as("nothing dead-lettered").isZero();
      } finally {
        root.aclDelUser(user);
      }
    }
  }

  private static String as(URI url, String user, String password) {
    return "redis://" + user + ":" + password + "@" + url.getHost() + ":" + url.getPort();
  }

  private static long committed(KafkaEndpoint kafka, WorkerFixture f) throws Exception {
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      Map<?, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(f.topics.get(Topic.COMMANDS) + "-workers")
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return offsets.values().stream()
          .filter(o -> o != null)
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    }
  }

  private void awaitBody(SendWorker worker, String path, int status, String inBody) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = get(worker, path);
              assertThat(response.statusCode()).isEqualTo(status);
              assertThat(response.body()).contains(inBody);
            });
  }

  private HttpResponse<String> get(SendWorker worker, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.adminPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
