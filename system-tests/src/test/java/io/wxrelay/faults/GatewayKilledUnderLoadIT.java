package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.GatewayMain;
import io.wxrelay.schemas.Topic;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.FreePort;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4: callback-gateway {@code kill -9}ed under callback load (100 signed pushes a second)
 * and a new one started on the same port 2 s later: every push it acknowledged is on Kafka, and
 * once WeChat has retried the rest, every push is. A push that was on Kafka but not yet
 * acknowledged when the gateway died may be there twice (its retry is published again): the event
 * id is the same, so a consumer that dedupes by id sees it once; the report counts them.
 */
@ExtendWith(RealInfrastructure.class)
class GatewayKilledUnderLoadIT {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final String TOKEN = "gateway-fault-token";
  private static final Duration PACE = Duration.ofMillis(10);

  @Test
  void everyAcknowledgedPushIsOnKafka(KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    int pushes = FaultReport.scaled(2000);
    int port = FreePort.next();
    String events = kafka.createUniqueTopic("events", 3);
    Map<String, String> env = gatewayEnv(kafka, redis, port, events);
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/wechat/" + APPID);
    List<ChildJvm> gateways = new ArrayList<>();
    try (SignedPushes wechat =
        new SignedPushes(TOKEN, UUID.randomUUID().toString().substring(0, 8))) {
      gateways.add(ChildJvm.start(GatewayMain.class, env));
      awaitUp(wechat, endpoint);
      List<SignedPushes.Answer> firstTry =
          pushThroughAKill(wechat, endpoint, pushes, gateways, env);
      List<Integer> acknowledged =
          firstTry.stream().filter(a -> a.status() == 200).map(SignedPushes.Answer::push).toList();
      List<Integer> retried =
          firstTry.stream().filter(a -> a.status() != 200).map(SignedPushes.Answer::push).toList();
      Map<String, Integer> acknowledgedOnKafka =
          SignedPushes.eventIds(kafka.bootstrapServers(), events);
      long lost =
          acknowledged.stream()
              .filter(i -> !acknowledgedOnKafka.containsKey(wechat.eventId(i)))
              .count();

      // WeChat retries what was not acknowledged (it tries for ~15 s; the new gateway is up).
      List<Integer> pending = retryAsWeChatDoes(wechat, endpoint, retried);
      assertThat(pending).as("pushes still not acknowledged after WeChat's retries").isEmpty();
      Map<String, Integer> onKafka = SignedPushes.eventIds(kafka.bootstrapServers(), events);
      List<Integer> twice = assertEachOnKafkaAndListThoseTwice(onKafka, wechat, pushes);
      new FaultReport(
              "4. gateway kill -9 under callback load",
              pushes + " signed pushes at 100/s",
              "gateway kill -9 at 3 s, a new one 2 s later",
              acknowledged.size(),
              acknowledged.size() - lost,
              lost,
              twice.size(),
              retried.size() + " unanswered or 503, retried by WeChat and then acknowledged",
              slowest(firstTry).toMillis() + " ms")
          .write();
      assertThat(lost).as("acknowledged pushes not on Kafka").isZero();
      assertThat(retried).as("the kill was felt").isNotEmpty();
      assertThat(twice)
          .as("pushes on Kafka twice were never acknowledged at first")
          .allMatch(retried::contains);
    } finally {
      for (ChildJvm gateway : gateways) {
        gateway.close();
      }
    }
  }

  /**
   * {@code pushes} pushes at 100/s; the gateway is killed (kill -9) at the 300th and a new one is
   * started at the 500th. Returns each push's first answer.
   */
  private static List<SignedPushes.Answer> pushThroughAKill(
      SignedPushes wechat,
      URI endpoint,
      int pushes,
      List<ChildJvm> gateways,
      Map<String, String> env)
      throws InterruptedException {
    List<CompletableFuture<SignedPushes.Answer>> answers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < pushes; i++) {
      LockSupport.parkNanos(start + i * PACE.toNanos() - System.nanoTime());
      if (i == 300) {
        gateways.getFirst().kill9();
      }
      if (i == 500) {
        gateways.add(ChildJvm.start(GatewayMain.class, env));
      }
      answers.add(wechat.push(endpoint, i));
    }
    return answers.stream().map(CompletableFuture::join).toList();
  }

  /** Pushes {@code retried} again every 500 ms for up to 30 s; returns those never acknowledged. */
  private static List<Integer> retryAsWeChatDoes(
      SignedPushes wechat, URI endpoint, List<Integer> retried) {
    List<Integer> pending = retried;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      pending =
          pending.stream().map(i -> wechat.push(endpoint, i)).toList().stream()
              .map(CompletableFuture::join)
              .filter(a -> a.status() != 200)
              .map(SignedPushes.Answer::push)
              .toList();
      LockSupport.parkNanos(Duration.ofMillis(pending.isEmpty() ? 0 : 500).toNanos());
    }
    return pending;
  }

  /** Asserts each of the {@code pushes} is on Kafka; returns those on it more than once. */
  private static List<Integer> assertEachOnKafkaAndListThoseTwice(
      Map<String, Integer> onKafka, SignedPushes wechat, int pushes) {
    List<Integer> twice = new ArrayList<>();
    for (int i = 0; i < pushes; i++) {
      int times = onKafka.getOrDefault(wechat.eventId(i), 0);
      assertThat(times).as("push %d on Kafka", i).isPositive();
      if (times > 1) {
        twice.add(i);
      }
    }
    return twice;
  }

  /**
   * Scenario 4b: the gateway is stopped (SIGTERM, as Kubernetes and Compose stop it) under the same
   * load: it stops accepting connections at once and answers every request it took before it exits;
   * a push is either acknowledged and on Kafka, or refused at connect (WeChat retries it) — never
   * taken and then cut.
   */
  @Test
  void aStoppedGatewayAnswersEveryRequestItTookAndLosesNone(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    int port = FreePort.next();
    String events = kafka.createUniqueTopic("events", 3);
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/wechat/" + APPID);
    try (SignedPushes wechat =
            new SignedPushes(TOKEN, UUID.randomUUID().toString().substring(0, 8));
        ChildJvm gateway =
            ChildJvm.start(GatewayMain.class, gatewayEnv(kafka, redis, port, events))) {
      awaitUp(wechat, endpoint);
      List<CompletableFuture<SignedPushes.Answer>> answers = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 600; i++) {
        LockSupport.parkNanos(start + i * PACE.toNanos() - System.nanoTime());
        if (i == 300) {
          gateway.terminate();
        }
        answers.add(wechat.push(endpoint, i));
      }
      List<SignedPushes.Answer> all = answers.stream().map(CompletableFuture::join).toList();
      assertThat(gateway.waitFor(30)).as("exit code of the stopped gateway").isEqualTo(143);
      Map<String, Integer> onKafka = SignedPushes.eventIds(kafka.bootstrapServers(), events);

      assertThat(all.stream().filter(a -> a.status() == 200))
          .as("acknowledged pushes are on Kafka")
          .allSatisfy(a -> assertThat(onKafka).containsKey(wechat.eventId(a.push())))
          .hasSizeGreaterThanOrEqualTo(300);
      assertThat(all.stream().filter(a -> a.status() != 200))
          .as("pushes not acknowledged were refused at connect, none taken and cut")
          .allSatisfy(
              a -> {
                assertThat(a.status()).as("push %d", a.push()).isZero();
                assertThat(a.failure()).as("push %d", a.push()).startsWith("ConnectException");
              })
          .isNotEmpty();
      assertThat(gateway.output()).doesNotContain("still unanswered");
    }
  }

  private static Duration slowest(List<SignedPushes.Answer> answers) {
    return answers.stream()
        .filter(a -> a.status() != 0)
        .map(SignedPushes.Answer::took)
        .max(Duration::compareTo)
        .orElseThrow();
  }

  private static void awaitUp(SignedPushes wechat, URI endpoint) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> wechat.push(endpoint, -1).join().status() == 200);
  }

  private static Map<String, String> gatewayEnv(
      KafkaEndpoint kafka, RedisEndpoint redis, int port, String events) {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS",
        kafka.bootstrapServers(),
        "REDIS_URL",
        redis.url().toString(),
        "GATEWAY_APPS",
        APPID + ":" + TOKEN + ":plain",
        "GATEWAY_PORT",
        Integer.toString(port),
        "ADMIN_PORT",
        "0",
        "GATEWAY_DEDUPE_PREFIX",
        redis.uniquePrefix("killed-gateway"),
        "GATEWAY_CREATE_TOPICS",
        "false",
        Topic.EVENTS.envVar(),
        events);
  }
}
