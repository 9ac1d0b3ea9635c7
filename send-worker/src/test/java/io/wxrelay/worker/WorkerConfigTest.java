package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.Topic;
import io.wxrelay.testkit.SecretsApart;
import io.wxrelay.worker.lag.WatchedGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {
  @Test
  void defaultsFollowWeChatsRules() {
    WorkerConfig config = WorkerConfig.fromEnv(Env.of(Map.of()));
    assertThat(config.limits().rateLimits().limitFor("wx5823bf96d3bd56c7", "mass")).isPresent();
    assertThat(config.limits().throttleWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.api().clientmsgidRetryGap()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.topic(Topic.COMMANDS)).isEqualTo("wechat.commands");
    assertThat(config.redis().maxConnections()).isEqualTo(WorkerConfig.DEFAULT_REDIS_POOL);
    assertThat(config.api().apiBase().toString()).isEqualTo("https://api.weixin.qq.com");
    assertThat(config.limits().sendTolerance()).isZero();
  }

  @Test
  void eachPartReadsItsOwnVariables() {
    WorkerConfig config =
        WorkerConfig.fromEnv(
            Env.of(
                Map.of(
                    "WORKER_CLIENTMSGID_RETRY_GAP", "2s",
                    "WORKER_PARK_AFTER", "1s",
                    "WORKER_MAX_ATTEMPTS", "3",
                    "WORKER_LINK_TTL", "1d",
                    "WORKER_CLAIM_LEASE", "40s",
                    "WECHAT_QR_IMAGE_BASE", "http://127.0.0.1:8089/cgi-bin/showqrcode",
                    "TOKEN_WAIT_BOUND", "2s",
                    "WORKER_PUBLISH_TIMEOUT", "3s")));

    assertThat(config.api().clientmsgidRetryGap()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.retry().parkAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.retry().maxAttempts()).isEqualTo(3);
    assertThat(config.links().broadcastTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(config.ledger().claimLease()).isEqualTo(Duration.ofSeconds(40));
    assertThat(config.api().qrImageBase()).startsWith("http://127.0.0.1:8089");
    assertThat(config.tokens().waitBound()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.publishing().ackTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void theLagOfEveryGroupTheWorkerConsumesWithIsWatched() {
    WorkerConfig config = WorkerConfig.fromEnv(Env.of(Map.of("WORKER_LAG_INTERVAL", "30s")));

    assertThat(config.lag().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.lagGroups())
        .containsExactly(
            new WatchedGroup(
                "wxrelay-send-worker", List.of("wechat.commands", "wechat.commands.retry"), true),
            new WatchedGroup("wxrelay-send-worker-events", List.of("wechat.events"), false));
    assertThat(
            WorkerConfig.fromEnv(Env.of(Map.of("WORKER_EVENTS", "false"))).lagGroups().stream()
                .map(WatchedGroup::groupId))
        .containsExactly("wxrelay-send-worker");
    assertThatThrownBy(() -> WorkerConfig.fromEnv(Env.of(Map.of("WORKER_LAG_INTERVAL", "10ms"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_LAG_INTERVAL");
  }

  @Test
  void aWorkerIsAStaticGroupMemberOnlyWithAnInstanceId() {
    assertThat(WorkerConfig.fromEnv(Env.of(Map.of())).consuming().instanceIdOf("commands"))
        .isEmpty();
    WorkerConfig.Consuming consuming =
        WorkerConfig.fromEnv(Env.of(Map.of("WORKER_INSTANCE_ID", "send-worker-2"))).consuming();
    assertThat(consuming.instanceIdOf("commands")).contains("send-worker-2-commands");
    assertThat(consuming.instanceIdOf("events")).contains("send-worker-2-events");
  }

  @Test
  void theSendToleranceCanBeRaisedButNotNegative() {
    assertThat(
            WorkerConfig.fromEnv(Env.of(Map.of("WORKER_RATE_SEND_TOLERANCE", "2")))
                .limits()
                .sendTolerance())
        .isEqualTo(2);
    assertThatThrownBy(
            () -> WorkerConfig.fromEnv(Env.of(Map.of("WORKER_RATE_SEND_TOLERANCE", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_RATE_SEND_TOLERANCE");
  }

  @Test
  void aClaimLeaseShorterThanACallIsRefused() {
    assertThatThrownBy(
            () ->
                WorkerConfig.fromEnv(
                    Env.of(Map.of("WORKER_CLAIM_LEASE", "5s", "WECHAT_CALL_TIMEOUT", "10s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_CLAIM_LEASE");
  }

  @Test
  void deadResultsAreKeptAsLongAsTheDlqKeepsLettersAndNeverShorterThanOthers() {
    WorkerConfig.Ledger ledger = WorkerConfig.fromEnv(Env.of(Map.of())).ledger();
    assertThat(ledger.deadResultTtl())
        .isEqualTo(Topic.COMMANDS_DLQ.retention())
        .isEqualTo(Duration.ofDays(30));
    assertThat(ledger.resultTtl()).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(
            () ->
                WorkerConfig.fromEnv(
                    Env.of(Map.of("WORKER_DEAD_RESULT_TTL", "1d", "WORKER_RESULT_TTL", "7d"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_DEAD_RESULT_TTL");
  }

  @Test
  void aKeysOrderIsHeldAtMostAsLongAsResultsAreKept() {
    assertThat(WorkerConfig.fromEnv(Env.of(Map.of())).ledger().orderHold())
        .isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(
            () ->
                WorkerConfig.fromEnv(
                    Env.of(Map.of("WORKER_ORDER_HOLD", "2h", "WORKER_RESULT_TTL", "1h"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_ORDER_HOLD");
  }

  @Test
  void topicNamesComeFromTheSharedOverrides() {
    WorkerConfig config =
        WorkerConfig.fromEnv(Env.of(Map.of("WXRELAY_TOPIC_COMMANDS_RETRY", "my.retry")));
    assertThat(config.topic(Topic.COMMANDS_RETRY)).isEqualTo("my.retry");
  }

  @Test
  void moreInFlightPerPartitionThanInTotalIsRefused() {
    assertThatThrownBy(
            () ->
                WorkerConfig.fromEnv(
                    Env.of(
                        Map.of(
                            "WORKER_MAX_IN_FLIGHT", "10",
                            "WORKER_MAX_IN_FLIGHT_PER_PARTITION", "20"))))
        .hasMessageContaining("WORKER_MAX_IN_FLIGHT_PER_PARTITION");
  }

  @Test
  void withoutWorkerRateLimitsEachAccountsOwnLimitsComeFromTheAccountsFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("accounts.yml");
    Files.writeString(
        file,
        "accounts:\n  - appid: wx1111111111111111\n    rateLimits:\n      message/custom/send: 200/1s\n");
    WorkerConfig config =
        WorkerConfig.fromEnv(Env.of(Map.of("WXRELAY_ACCOUNTS_FILE", file.toString())));

    assertThat(config.limits().rateLimits().limitFor("wx1111111111111111", "message/custom/send"))
        .hasValueSatisfying(l -> assertThat(l.toString()).contains("200"));
    assertThat(config.limits().rateLimits().limitFor("wx2222222222222222", "message/custom/send"))
        .isEmpty();
    assertThat(config.limits().rateLimits().limitFor("wx2222222222222222", "mass"))
        .as("WeChat's default")
        .isPresent();
  }

  @Test
  void startsFromAnAccountsFileWithoutAnyOfItsSecrets(@TempDir Path dir) {
    SecretsApart accounts = SecretsApart.in(dir);

    WorkerConfig config = WorkerConfig.fromEnv(Env.of(accounts.withoutSecrets()));

    assertThat(config.limits().rateLimits().limitFor(SecretsApart.APPID, "message/custom/send"))
        .hasValueSatisfying(l -> assertThat(l.toString()).contains("200"));
  }
}
