package io.wxrelay.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.sim.push.PushCrypto;
import io.wxrelay.sim.push.PushXml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Distinct signed text pushes of one run, as WeChat sends them to a plaintext account's callback
 * URL, and how often each one's event is on the events topic. Push {@code i} of run {@code run} is
 * event {@code msg-<MsgId>}; a push sent again (WeChat's retry) is the same event. Closing it
 * closes its connections: under a fault, answers slow down and the client opens hundreds of them,
 * which would otherwise stay open in the test JVM (and in the gateway's) for the rest of the suite.
 */
final class SignedPushes implements AutoCloseable {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String token;
  private final String run;
  private final int users;
  private final long nonces = ThreadLocalRandom.current().nextLong(1L << 40);

  /**
   * How one push was answered: its HTTP status (0: no answer at all, {@code failure} names the
   * client's exception, e.g. {@code ConnectException}) and the time it took.
   */
  record Answer(int push, int status, Duration took, String failure) {}

  SignedPushes(String token, String run) {
    this(token, run, 1);
  }

  /**
   * Pushes from {@code users} followers in turn, so that they spread over the topic's partitions.
   */
  SignedPushes(String token, String run, int users) {
    this.token = token;
    this.run = run;
    this.users = users;
  }

  /** Sends push {@code i} to {@code endpoint}; an answer never comes as an exception. */
  CompletableFuture<Answer> push(URI endpoint, int i) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    // A nonce of each push's own: the gateway takes a signed query string once per body.
    String nonce = nonces + "-" + i;
    URI signed =
        URI.create(
            endpoint
                + "?timestamp="
                + timestamp
                + "&nonce="
                + nonce
                + "&signature="
                + PushCrypto.signature(token, timestamp, nonce));
    byte[] body =
        PushXml.of(
                "gh_shop",
                "oFault" + run + (users == 1 ? "" : "u" + i % users),
                Instant.now().getEpochSecond(),
                "text")
            .text("Content", "push " + i)
            .number("MsgId", msgId(i))
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
        .handle(
            (r, error) ->
                new Answer(
                    i,
                    error == null ? r.statusCode() : 0,
                    Duration.ofNanos(System.nanoTime() - sent),
                    error == null ? "" : failure(error)));
  }

  /** The HTTP client's own exception (ConnectException, IOException...), unwrapped. */
  private static String failure(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private long msgId(int i) {
    return Math.abs((long) run.hashCode()) * 100_000L + i;
  }

  /** The event id of push {@code i}. */
  String eventId(int i) {
    return "msg-" + msgId(i);
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  /** How many times each event id is on {@code topic}, read from its beginning to its end. */
  static Map<String, Integer> eventIds(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Integer> ids = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
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
