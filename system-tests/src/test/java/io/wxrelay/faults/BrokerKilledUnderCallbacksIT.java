package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
 * every push is on Kafka exactly once: none acknowledged is lost, none is there twice.
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
                Map.of("GATEWAY_ACK_TIMEOUT", ACK_TIMEOUT.toMillis() + "ms"))) {
      URI endpoint = URI.create("http://127.0.0.1:" + gateway.port() + "/wechat/" + APPID);
      SignedPushes wechat = new SignedPushes(TOKEN, UUID.randomUUID().toString().substring(0, 8));

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
      assertThat(acknowledged.getLast())
          .as("pushes acknowledged again once the broker was back, without a restart")
          .isGreaterThan(300);

      // WeChat retries what was not acknowledged; the broker is back.
      for (int push : refused) {
        assertThat(wechat.push(endpoint, push).join().status()).isEqualTo(200);
      }
      Map<String, Integer> onKafka =
          SignedPushes.eventIds(broker.bootstrapServers(), "wechat.events");
      assertEachOnKafkaOnce(onKafka, wechat, pushes, acknowledged);
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

  /** Each of the {@code pushes} is on Kafka exactly once, acknowledged at first or retried. */
  private static void assertEachOnKafkaOnce(
      Map<String, Integer> onKafka, SignedPushes wechat, int pushes, List<Integer> acknowledged) {
    for (int i = 0; i < pushes; i++) {
      assertThat(onKafka.getOrDefault(wechat.eventId(i), 0))
          .as("push %d (%s)", i, acknowledged.contains(i) ? "acknowledged" : "retried")
          .isEqualTo(1);
    }
  }
}
