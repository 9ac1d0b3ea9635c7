package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.testkit.OwnBroker;
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
 * The broker {@code kill -9}ed under callback load (100 signed pushes a second for 25 s) and
 * started again: every request is answered within the ack timeout (+0.5 s), the gateway publishes
 * again once the broker is back, and once WeChat has retried the pushes answered 503 (as it does),
 * every push is on Kafka: none is lost, one acknowledged at once is there once, and a retried one
 * twice only where the gateway was unsure whether its first publish failed.
 */
@ExtendWith(RealInfrastructure.class)
class BrokerKilledUnderCallbacksIT {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final String TOKEN = "fault-token";
  private static final Duration PACE = Duration.ofMillis(10); // 100 pushes a second
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

  @Test
  void everyRequestIsAnsweredInTimeAndNothingAcknowledgedIsLostOrDoubled(RedisEndpoint redis)
      throws Exception {
    int pushes = FaultReport.scaled(2500);
    try (OwnBroker broker = OwnBroker.start();
        CallbackGateway gateway =
            GatewayOnOwnBroker.start(
                broker,
                redis,
                APPID,
                TOKEN,
                Map.of("GATEWAY_ACK_TIMEOUT", ACK_TIMEOUT.toMillis() + "ms"));
        SignedPushes wechat =
            new SignedPushes(TOKEN, UUID.randomUUID().toString().substring(0, 8))) {
      URI endpoint = URI.create("http://127.0.0.1:" + gateway.port() + "/wechat/" + APPID);

      List<SignedPushes.Answer> first = pushThroughABrokerOutage(broker, wechat, endpoint, pushes);

      Duration slowest =
          first.stream().map(SignedPushes.Answer::took).max(Duration::compareTo).orElseThrow();
      List<Integer> acknowledged =
          first.stream().filter(a -> a.status() == 200).map(SignedPushes.Answer::push).toList();
      List<Integer> refused =
          first.stream().filter(a -> a.status() != 200).map(SignedPushes.Answer::push).toList();
      System.out.printf(
          "broker kill -9 under %d pushes: %d acknowledged, %d answered 503, slowest answer %d ms%n",
          pushes, acknowledged.size(), refused.size(), slowest.toMillis());
      assertThat(first).allSatisfy(a -> assertThat(a.status()).isIn(200, 503));
      assertThat(slowest).isLessThanOrEqualTo(ACK_TIMEOUT.plusMillis(500));
      assertThat(refused).as("the outage was felt").isNotEmpty();
      retryAsWeChatDoes(wechat, endpoint, refused);
      GatewayCounters counters = GatewayCounters.of(gateway).print();
      Map<String, Integer> onKafka =
          SignedPushes.eventIds(broker.bootstrapServers(), "wechat.events");
      assertEachOnKafka(onKafka, wechat, pushes, acknowledged);
      assertThat(onKafka.values().stream().filter(n -> n > 1).count())
          .as("pushes on Kafka twice, at most one per publish the gateway was unsure of")
          .isLessThanOrEqualTo(counters.unsure());
      assertThat(onKafka).hasSize(pushes);
      new FaultReport(
              "1. broker kill -9 under callback load",
              pushes + " signed pushes at 100/s",
              "broker kill -9 at 3 s, back 5 s later",
              acknowledged.size(),
              onKafka.size(),
              acknowledged.stream().filter(i -> !onKafka.containsKey(wechat.eventId(i))).count(),
              onKafka.values().stream().filter(n -> n > 1).count(),
              refused.size() + " answered 503, retried by WeChat and then acknowledged",
              slowest.toMillis() + " ms")
          .write();
    }
  }

  /**
   * WeChat retries what was not acknowledged; the broker is back. The gateway publishes again
   * without a restart: WeChat's retries of the first refused push are acknowledged within a minute
   * (the broker may take a while to start on two busy cores), then every other one at once.
   */
  private static void retryAsWeChatDoes(SignedPushes wechat, URI endpoint, List<Integer> refused) {
    int firstRefused = refused.getFirst();
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> wechat.push(endpoint, firstRefused).join().status() == 200);
    for (int push : refused) {
      assertThat(wechat.push(endpoint, push).join().status()).isEqualTo(200);
    }
  }

  /**
   * {@code pushes} pushes at 100/s; at the 300th (3 s in) the broker dies (kill -9), and is started
   * again 5 s later. Returns each push's first answer, once the broker is back.
   */
  private static List<SignedPushes.Answer> pushThroughABrokerOutage(
      OwnBroker broker, SignedPushes wechat, URI endpoint, int pushes) {
    List<CompletableFuture<SignedPushes.Answer>> answers = new ArrayList<>();
    CompletableFuture<Void> outage = null;
    long start = System.nanoTime();
    for (int i = 0; i < pushes; i++) {
      LockSupport.parkNanos(start + i * PACE.toNanos() - System.nanoTime());
      if (i == 300) { // 3 s in: the broker dies, and is started again 5 s later
        broker.kill9();
        outage =
            CompletableFuture.runAsync(
                () -> {
                  LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                  broker.startAgain();
                },
                command -> Thread.ofPlatform().name("broker-restart").start(command));
      }
      answers.add(wechat.push(endpoint, i));
    }
    outage.join();
    return answers.stream().map(CompletableFuture::join).toList();
  }

  /**
   * Each of the {@code pushes} is on Kafka: once if it was acknowledged at its first try, at most
   * twice if WeChat retried it (a publish the producer gave up on may still have been written, and
   * its retry is published again rather than risk losing it).
   */
  private static void assertEachOnKafka(
      Map<String, Integer> onKafka, SignedPushes wechat, int pushes, List<Integer> acknowledged) {
    for (int i = 0; i < pushes; i++) {
      boolean atFirst = acknowledged.contains(i);
      assertThat(onKafka.getOrDefault(wechat.eventId(i), 0))
          .as("push %d (%s)", i, atFirst ? "acknowledged" : "retried")
          .isBetween(1, atFirst ? 1 : 2);
    }
  }
}
