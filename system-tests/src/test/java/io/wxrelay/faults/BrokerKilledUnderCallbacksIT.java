package io.wxrelay.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.sim.push.PushCrypto;
import io.wxrelay.sim.push.PushXml;
import io.wxrelay.testkit.OwnBroker;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

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
  private static final int PUSHES = 2500;
  private static final Duration PACE = Duration.ofMillis(10); // 100 pushes a second
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private record Answer(int push, int status, Duration took) {}

  @Test
  void everyRequestIsAnsweredInTimeAndNothingAcknowledgedIsLostOrDoubled(RedisEndpoint redis)
      throws Exception {
    try (OwnBroker broker = OwnBroker.start();
        CallbackGateway gateway =
            GatewayOnOwnBroker.start(
                broker,
                redis,
                APPID,
                TOKEN,
                Map.of("GATEWAY_ACK_TIMEOUT", ACK_TIMEOUT.toMillis() + "ms"))) {
      URI endpoint = URI.create("http://127.0.0.1:" + gateway.port() + "/wechat/" + APPID);
      String run = UUID.randomUUID().toString().substring(0, 8);

      List<CompletableFuture<Answer>> answers = new ArrayList<>();
      CompletableFuture<Void> outage = null;
      long start = System.nanoTime();
      for (int i = 0; i < PUSHES; i++) {
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
        answers.add(push(endpoint, run, i));
      }
      outage.join();
      List<Answer> first = answers.stream().map(CompletableFuture::join).toList();

      Duration slowest = first.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
      List<Integer> acknowledged =
          first.stream().filter(a -> a.status() == 200).map(Answer::push).toList();
      List<Integer> refused =
          first.stream().filter(a -> a.status() != 200).map(Answer::push).toList();
      System.out.printf(
          "broker kill -9 under %d pushes: %d acknowledged, %d answered 503, slowest answer %d ms%n",
          PUSHES, acknowledged.size(), refused.size(), slowest.toMillis());
      assertThat(first).allSatisfy(a -> assertThat(a.status()).isIn(200, 503));
      assertThat(slowest).isLessThanOrEqualTo(ACK_TIMEOUT.plusMillis(500));
      assertThat(refused).as("the outage was felt").isNotEmpty();
      assertThat(acknowledged.getLast())
          .as("pushes acknowledged again once the broker was back, without a restart")
          .isGreaterThan(300);

      // WeChat retries what was not acknowledged; the broker is back.
      for (int push : refused) {
        assertThat(push(endpoint, run, push).join().status()).isEqualTo(200);
      }
      Map<String, Integer> onKafka = eventIds(broker.bootstrapServers());
      for (int i = 0; i < PUSHES; i++) {
        assertThat(onKafka.getOrDefault(id(run, i), 0))
            .as("push %d (%s)", i, acknowledged.contains(i) ? "acknowledged" : "retried")
            .isEqualTo(1);
      }
      assertThat(onKafka).hasSize(PUSHES);
    }
  }

  private CompletableFuture<Answer> push(URI endpoint, String run, int i) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = "n" + i;
    URI signed =
        URI.create(
            endpoint
                + "?timestamp="
                + timestamp
                + "&nonce="
                + nonce
                + "&signature="
                + PushCrypto.signature(TOKEN, timestamp, nonce));
    byte[] body =
        PushXml.of("gh_shop", "oFault" + run, Instant.now().getEpochSecond(), "text")
            .text("Content", "push " + i)
            .number("MsgId", msgId(run, i))
            .build()
            .getBytes(UTF_8);
    long sent = System.nanoTime();
    return http.sendAsync(
            HttpRequest.newBuilder(signed)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .thenApply(r -> new Answer(i, r.statusCode(), Duration.ofNanos(System.nanoTime() - sent)));
  }

  private static long msgId(String run, int i) {
    return Math.abs((long) run.hashCode()) * 100_000L + i;
  }

  private static String id(String run, int i) {
    return "msg-" + msgId(run, i);
  }

  /** How many times each event id is on the events topic, read from its beginning to its end. */
  private static Map<String, Integer> eventIds(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Integer> ids = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor("wechat.events").stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r -> ids.merge(json.readTree(r.value()).path("id").asString(), 1, Integer::sum));
      }
    }
    return ids;
  }
}
