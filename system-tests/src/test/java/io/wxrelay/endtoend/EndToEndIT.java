package io.wxrelay.endtoend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.TopicReader;
import io.wxrelay.token.TokenService;
import io.wxrelay.token.TokenServiceConfig;
import io.wxrelay.worker.SendWorker;
import io.wxrelay.worker.WorkerConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole path with nothing fabricated: the simulator as WeChat (API and pushes), token-service,
 * callback-gateway and send-worker, on the real broker and Redis. What one service writes, the next
 * one reads.
 */
@ExtendWith(RealInfrastructure.class)
class EndToEndIT {
  private static final String APPID = SimConfig.DEFAULT_APPID;
  private static final String CALLBACK_TOKEN = "e2e-token";
  private static final ContractCodec CODEC = ContractCodec.create();

  private static WeChatSim sim;
  private static TokenService tokens;
  private static CallbackGateway gateway;
  private static SendWorker worker;
  private static KafkaProducer<String, byte[]> producer;
  private static TopicReader results;
  private static String bootstrap;
  private static final Map<Topic, String> topics = new HashMap<>();

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    sim = WeChatSim.start(SimConfig.forTests());
    for (Topic topic : Topic.values()) {
      topics.put(topic, kafka.createUniqueTopic(topic.name().toLowerCase(Locale.ROOT), 3));
    }
    Map<String, String> env = new HashMap<>();
    topics.forEach((topic, name) -> env.put(topic.envVar(), name));
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("REDIS_URL", redis.url().toString());
    env.put("ADMIN_PORT", "0");
    env.put("TOKEN_REDIS_PREFIX", redis.uniquePrefix("e2e-token"));
    env.put("WECHAT_API_BASE", sim.baseUrl());

    Map<String, String> tokenEnv = new HashMap<>(env);
    tokenEnv.put("TOKEN_APPS", APPID + ":" + SimConfig.DEFAULT_SECRET);
    tokenEnv.put("TOKEN_API_PORT", "0");
    tokens =
        TokenService.start(TokenServiceConfig.fromEnv(Env.of(tokenEnv)), InstantSource.system());

    Map<String, String> gatewayEnv = new HashMap<>(env);
    gatewayEnv.put("GATEWAY_APPS", APPID + ":" + CALLBACK_TOKEN + ":plain");
    gatewayEnv.put("GATEWAY_PORT", "0");
    gatewayEnv.put("GATEWAY_DEDUPE_PREFIX", redis.uniquePrefix("e2e-gateway"));
    gatewayEnv.put("GATEWAY_CREATE_TOPICS", "false");
    gateway = CallbackGateway.start(GatewayConfig.fromEnv(Env.of(gatewayEnv)), Clock.systemUTC());
    var app = sim.accounts().app(APPID).orElseThrow();
    sim.accounts()
        .update(
            app.withCallback(
                "http://127.0.0.1:" + gateway.port() + "/wechat/" + APPID,
                CALLBACK_TOKEN,
                Mode.PLAIN,
                SimConfig.SAMPLE_AES_KEY));

    Map<String, String> workerEnv = new HashMap<>(env);
    workerEnv.put("WORKER_REDIS_PREFIX", redis.uniquePrefix("e2e-worker"));
    workerEnv.put("WORKER_GROUP_ID", topics.get(Topic.COMMANDS) + "-workers");
    workerEnv.put("WORKER_EVENTS_GROUP_ID", topics.get(Topic.COMMANDS) + "-events");
    workerEnv.put("WORKER_CREATE_TOPICS", "false");
    workerEnv.put("WORKER_EVENTS_START", "earliest"); // the events topic is this test's own
    workerEnv.put("WECHAT_QR_IMAGE_BASE", sim.baseUrl() + "/cgi-bin/showqrcode");
    worker = SendWorker.start(WorkerConfig.fromEnv(Env.of(workerEnv)), Clock.systemUTC());

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer = new KafkaProducer<>(p);
    results = new TopicReader(kafka.bootstrapServers(), topics.get(Topic.RESULTS));
    bootstrap = kafka.bootstrapServers();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    results.close();
    producer.close();
    worker.close();
    gateway.close();
    tokens.close();
    sim.close();
  }

  private static void send(EventType type, String id, CommandData data) throws Exception {
    CloudEvent<?> command = CloudEvent.of(type, id, "/e2e", APPID, Instant.now(), data);
    producer
        .send(new ProducerRecord<>(topics.get(Topic.COMMANDS), APPID, CODEC.encode(command)))
        .get(10, TimeUnit.SECONDS);
  }

  /** The data of type {@code type} published under {@code key} on the results topic. */
  private static <T> List<T> published(String key, Class<T> type) {
    return results.values(key).stream()
        .map(value -> CODEC.decode(value).data())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static CommandResult result(String id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !published(id, CommandResult.class).isEmpty());
    return published(id, CommandResult.class).getFirst();
  }

  @Test
  void aNewcomerWhoScansAQrCodeFollowsAndGetsItsReply() throws Exception {
    String id = "e2e-qr-" + UUID.randomUUID();
    String reply = "Welcome, " + id;
    send(
        EventType.QRCODE_CREATE,
        id,
        new QrCodeCreate(QrScene.of("e2e-" + id), 600, null, CustomMessage.text(reply)));
    CommandResult created = result(id);
    assertThat(created.status()).isEqualTo(CommandResult.Status.SUCCEEDED);

    Newcomers.scanAndExpectReply(sim, APPID, created, reply);
  }

  @Test
  void aBroadcastsFinishPushIsMatchedToItsCommand() throws Exception {
    String id = "e2e-mass-" + UUID.randomUUID();
    send(
        EventType.MASS_SENDALL,
        id,
        new MassSendAll(MassSendAll.Filter.all(), MassMessage.text(id), null));
    CommandResult sent = result(id);
    assertThat(sent.status()).isEqualTo(CommandResult.Status.SUCCEEDED);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !published(id, MassFinished.class).isEmpty());
    MassFinished finished = published(id, MassFinished.class).getFirst();
    assertThat(finished.msgId()).isEqualTo(sent.chunks().getFirst().msgId());
    assertThat(finished.succeeded()).isTrue();
    assertThat(finished.sentCount()).isEqualTo(100);
  }

  @ParameterizedTest(name = "{0} mode")
  @EnumSource(Encoding.class)
  void aCommandTheOfficialSdkWritesGetsItsResult(Encoding encoding) throws Exception {
    String id = "e2e-sdk-" + encoding + "-" + UUID.randomUUID();
    io.cloudevents.CloudEvent command =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("/upstream/crm"))
            .withType(EventType.QRCODE_CREATE.value())
            .withTime(OffsetDateTime.now(ZoneOffset.UTC))
            .withSubject(APPID)
            .withExtension("traceparent", TRACEPARENT)
            .withExtension("partitionkey", APPID)
            .withDataContentType("application/json; charset=utf-8")
            .withData(
                CODEC.mapper().writeValueAsBytes(new QrCodeCreate(QrScene.of(77), 60, null, null)))
            .build();
    try (var sdk = SdkClients.producer(bootstrap, encoding)) {
      sdk.send(new ProducerRecord<>(topics.get(Topic.COMMANDS), APPID, command))
          .get(10, TimeUnit.SECONDS);
    }

    assertThat(result(id).status()).isEqualTo(CommandResult.Status.SUCCEEDED);
    // The SDK reads the result, with the command's trace context.
    assertThat(
            SdkClients.readAll(bootstrap, topics.get(Topic.RESULTS), 1000, Duration.ofSeconds(5)))
        .map(r -> r.value())
        .filteredOn(event -> event.getId().equals("result-" + id))
        .singleElement()
        .satisfies(event -> assertThat(event.getExtension("traceparent")).isEqualTo(TRACEPARENT));
  }

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void theOfficialSdkReadsEveryRecordWxrelayWrites() throws Exception {
    String id = "e2e-sdk-read-" + UUID.randomUUID();
    send(EventType.QRCODE_CREATE, id, new QrCodeCreate(QrScene.of(78), 60, null, null));
    producer
        .send(new ProducerRecord<>(topics.get(Topic.COMMANDS), APPID, "{not json".getBytes(UTF_8)))
        .get(10, TimeUnit.SECONDS);
    sim.users().text(APPID, sim.accounts().population(APPID).openids(1).getFirst(), "hello");
    result(id);

    // Every record each topic holds by now, each one read by the SDK's deserializer (a record it
    // cannot read throws); the expected ones among them.
    for (Topic topic : List.of(Topic.RESULTS, Topic.EVENTS, Topic.COMMANDS_DLQ)) {
      var read = SdkClients.readAll(bootstrap, topics.get(topic), 1, Duration.ofSeconds(20));
      assertThat(read).as(topic.name()).isNotEmpty();
      read.forEach(
          r ->
              assertThat(SdkClients.attributes(r.value()))
                  .as(topic + " " + r.offset())
                  .containsEntry("specversion", "1.0")
                  .containsKey("id"));
    }
    assertThat(
            SdkClients.readAll(bootstrap, topics.get(Topic.RESULTS), 1000, Duration.ofSeconds(5)))
        .extracting(r -> r.value().getId())
        .contains("result-" + id);
  }
}
