package io.wxrelay.endtoend;

import static io.wxrelay.endtoend.InProcessRelay.APPID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.KafkaBinding;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.command.MassSpeedGet;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.schemas.outcome.UsersPage;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream teams' tooling on wxrelay's topics: the official CloudEvents Java SDK, unmodified,
 * writes every command type in either mode of the Kafka binding and gets each one's result (and a
 * template message its delivery, a follower sync its pages); then it reads every record wxrelay
 * wrote meanwhile, on every topic wxrelay writes (results, events, retry, dead letters).
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudEventsIT {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private InProcessRelay relay;

  @BeforeAll
  void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    // Any retry waits on the retry topic (the first backoff is 200 ms), so one is easy to cause.
    relay = new InProcessRelay(kafka, redis, Map.of("WORKER_PARK_AFTER", "100ms"));
  }

  @AfterAll
  void stop() throws InterruptedException {
    relay.close();
  }

  static Stream<Arguments> everyCommandTypeInEitherMode() {
    return Stream.of(Encoding.values())
        .flatMap(
            encoding ->
                Stream.of(EventType.values())
                    .filter(type -> type.topic() == Topic.COMMANDS)
                    .map(type -> Arguments.of(encoding, type)));
  }

  @Order(1)
  @ParameterizedTest(name = "{1} in {0} mode")
  @MethodSource("everyCommandTypeInEitherMode")
  void theSdkWritesEveryCommandTypeAndEachGetsItsResult(Encoding encoding, EventType type)
      throws Exception {
    String id = "sdk-" + encoding.name().toLowerCase(Locale.ROOT) + "-" + type.value();
    CloudEvent example = sdkEvent(type); // the type's documented example, as the SDK reads it
    CloudEvent command =
        CloudEventBuilder.v1(example)
            .withId(id)
            .withSource(URI.create("/upstream/crm"))
            .withTime(OffsetDateTime.now(ZoneOffset.UTC))
            .withDataContentType("application/json; charset=utf-8")
            .withExtension("traceparent", TRACEPARENT)
            .withExtension("partitionkey", APPID)
            .build();
    try (var sdk = SdkClients.producer(relay.bootstrap, encoding)) {
      sdk.send(new ProducerRecord<>(relay.topic(Topic.COMMANDS), APPID, command))
          .get(10, TimeUnit.SECONDS);
    }

    CommandResult result = relay.result(id);
    assertThat(result.commandType()).isEqualTo(type.value());
    if (type == EventType.MEDIA_UPLOAD) { // read; its example's file URL is not a real one
      assertThat(result.reason()).contains("file.url");
      return;
    }
    assertThat(result.errorClass()).as(result.reason()).isNotEqualTo(ErrorClass.INVALID);
    assertThat(result.attempts()).as("WeChat was called").isPositive();
  }

  @Order(2)
  @Test
  void theReadmesSdkExampleGetsItsQrCode() throws Exception {
    ReadmeSdkProducer.send(relay.bootstrap, relay.topic(Topic.COMMANDS));

    CommandResult result = relay.result(ReadmeSdkProducer.ID);
    assertThat(result.status()).isEqualTo(CommandResult.Status.SUCCEEDED);
    assertThat(result.response()).containsKey("ticket");
  }

  @Order(3)
  @Test
  void aRetriedCommandAndDeadLettersCarryTheirOriginsHeaders() throws Exception {
    // WeChat is busy once: the command waits on the retry topic, then succeeds.
    relay.sim.faults().configure("message/mass/speed/get: rate=1; errors=-1");
    String parked = "sdk-parked-" + UUID.randomUUID();
    relay.send(EventType.MASS_SPEED_GET, parked, new MassSpeedGet());
    await().atMost(Duration.ofSeconds(20)).until(() -> !read(Topic.COMMANDS_RETRY).isEmpty());
    relay.sim.faults().clear();
    assertThat(relay.result(parked).status()).isEqualTo(CommandResult.Status.SUCCEEDED);

    // A binary-mode command that breaks its schema, and bytes that are no JSON: dead letters.
    CloudEvent invalid =
        CloudEventBuilder.v1(sdkEvent(EventType.CUSTOM_SEND))
            .withId("sdk-invalid-" + UUID.randomUUID())
            .withData("application/json", "{\"msgtype\":\"text\"}".getBytes(UTF_8))
            .build();
    try (var sdk = SdkClients.producer(relay.bootstrap, Encoding.BINARY)) {
      sdk.send(new ProducerRecord<>(relay.topic(Topic.COMMANDS), APPID, invalid))
          .get(10, TimeUnit.SECONDS);
    }
    relay.write("{not json".getBytes(UTF_8));
    await().atMost(Duration.ofSeconds(20)).until(() -> read(Topic.COMMANDS_DLQ).size() >= 2);

    ConsumerRecord<String, CloudEvent> letter =
        read(Topic.COMMANDS_DLQ).stream()
            .filter(
                r ->
                    invalid
                        .getId()
                        .equals(header(r, KafkaBinding.ORIGINAL_HEADER_PREFIX + "ce_id")))
            .findFirst()
            .orElseThrow();
    assertThat(header(letter, KafkaBinding.ERROR_TOPIC_HEADER))
        .isEqualTo(relay.topic(Topic.COMMANDS));
    assertThat(header(letter, KafkaBinding.ERROR_REASON_HEADER)).isEqualTo("invalid");
    assertThat(header(letter, KafkaBinding.ERROR_MESSAGE_HEADER))
        .contains("required property 'touser' not found");
  }

  @Order(4)
  @Test
  void aTemplateMessageTheSdkWroteGetsItsDeliveryAndASyncItsPages() throws Exception {
    String follower = relay.sim.accounts().population(APPID).openids(1).getFirst();
    String list = sdkCommand(EventType.TEMPLATE_LIST, "{}");
    List<?> templates = (List<?>) relay.result(list).response().get("template_list");
    Object templateId = ((Map<?, ?>) templates.getFirst()).get("template_id");
    String send =
        sdkCommand(
            EventType.TEMPLATE_SEND,
            String.format(
                "{\"touser\":\"%s\",\"template_id\":\"%s\",\"data\":{"
                    + "\"first\":{\"value\":\"Paid\"},\"keyword1\":{\"value\":\"30.00\"},"
                    + "\"keyword2\":{\"value\":\"Tea\"},\"remark\":{\"value\":\"Thanks\"}}}",
                follower, templateId));
    CommandResult sent = relay.result(send);
    assertThat(sent.status()).as(sent.reason()).isEqualTo(CommandResult.Status.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !relay.published(send, TemplateFinished.class).isEmpty());
    TemplateFinished delivered = relay.published(send, TemplateFinished.class).getFirst();
    assertThat(delivered.succeeded()).isTrue();
    assertThat(delivered.openid()).isEqualTo(follower);
    assertThat(delivered.msgId()).isEqualTo(((Number) sent.response().get("msgid")).longValue());

    String sync = sdkCommand(EventType.USERS_SYNC, "{}");
    CommandResult synced = relay.result(sync);
    assertThat(synced.status()).as(synced.reason()).isEqualTo(CommandResult.Status.SUCCEEDED);
    assertThat(
            relay.published(sync, UsersPage.class).stream()
                .mapToLong(page -> page.openids().size())
                .sum())
        .isEqualTo(((Number) synced.response().get("count")).longValue())
        .isPositive();
  }

  @Order(4)
  @Test
  void aDraftTheSdkSubmittedInlineGetsItsPublishedFinish() throws Exception {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 9};
    String thumb = Base64.getEncoder().encodeToString(jpeg);
    String submit =
        sdkCommand(
            EventType.PUBLISH_SUBMIT,
            "{\"articles\":[{\"title\":\"Winter menu\",\"content\":\"<p>Soups</p>\","
                + "\"thumb\":{\"base64\":\""
                + thumb
                + "\",\"filename\":\"t.jpg\"}}]}");
    CommandResult submitted = relay.result(submit);
    assertThat(submitted.status()).as(submitted.reason()).isEqualTo(CommandResult.Status.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !relay.published(submit, PublishFinished.class).isEmpty());
    PublishFinished finished = relay.published(submit, PublishFinished.class).getFirst();
    assertThat(finished.publishId()).isEqualTo(submitted.response().get("publish_id"));
    assertThat(finished.articleUrls()).singleElement().asString().startsWith("http");
  }

  /** Writes a command of {@code type} with {@code data} through the SDK; returns its id. */
  private String sdkCommand(EventType type, String data) throws Exception {
    String id = "sdk-" + type.value() + "-" + UUID.randomUUID();
    CloudEvent command =
        CloudEventBuilder.v1(sdkEvent(type))
            .withId(id)
            .withData("application/json", data.getBytes(UTF_8))
            .build();
    try (var sdk = SdkClients.producer(relay.bootstrap, Encoding.BINARY)) {
      sdk.send(new ProducerRecord<>(relay.topic(Topic.COMMANDS), APPID, command))
          .get(10, TimeUnit.SECONDS);
    }
    return id;
  }

  @Order(5)
  @Test
  void theSdkReadsEveryRecordWxrelayWroteOnEveryTopic() throws Exception {
    String follower = relay.sim.accounts().population(APPID).openids(1).getFirst();
    relay.sim.users().text(APPID, follower, "hello");
    await().atMost(Duration.ofSeconds(20)).until(() -> !read(Topic.EVENTS).isEmpty());

    for (Topic topic :
        List.of(Topic.RESULTS, Topic.EVENTS, Topic.COMMANDS_RETRY, Topic.COMMANDS_DLQ)) {
      List<ConsumerRecord<String, CloudEvent>> records = read(topic);
      assertThat(records).as(topic.name()).isNotEmpty();
      for (var r : records) {
        CloudEvent event = r.value();
        EventType type = EventType.byValue(event.getType()).orElseThrow();
        assertThat(event.getSpecVersion()).hasToString("1.0");
        if (topic != Topic.COMMANDS_RETRY) { // parked commands are the producers' own records
          assertThat(event.getDataSchema())
              .as(topic + "@" + r.offset())
              .hasToString(type.dataschema());
        }
      }
    }
    // The records the new commands publish besides their results, as the SDK read them.
    assertThat(read(Topic.RESULTS))
        .map(r -> r.value().getType())
        .contains(
            EventType.TEMPLATE_FINISHED.value(),
            EventType.USERS_PAGE.value(),
            EventType.PUBLISH_FINISHED.value());
    // Every result of a command that carried trace context carries it on.
    assertThat(read(Topic.RESULTS))
        .map(ConsumerRecord::value)
        .filteredOn(
            e ->
                e.getId().startsWith("result-sdk-binary-")
                    || e.getId().startsWith("result-sdk-structured-"))
        .hasSize((int) everyCommandTypeInEitherMode().count())
        .allSatisfy(e -> assertThat(e.getExtension("traceparent")).isEqualTo(TRACEPARENT));
  }

  private List<ConsumerRecord<String, CloudEvent>> read(Topic topic) {
    return SdkClients.readToEnd(relay.bootstrap, relay.topic(topic), Duration.ofSeconds(20));
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  private static CloudEvent sdkEvent(EventType type) {
    return io.cloudevents.core.provider.EventFormatProvider.getInstance()
        .resolveFormat(io.cloudevents.jackson.JsonFormat.CONTENT_TYPE)
        .deserialize(CloudEventsRoundTripTest.example(type));
  }
}
