package io.wxrelay.endtoend;

import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.TopicReader;
import io.wxrelay.token.TokenService;
import io.wxrelay.token.TokenServiceConfig;
import io.wxrelay.worker.SendWorker;
import io.wxrelay.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole relay in this JVM, with nothing fabricated: the simulator as WeChat (API and pushes),
 * token-service, callback-gateway and send-worker, on the real broker and Redis, on topics of its
 * own. What one service writes, the next one reads.
 */
final class InProcessRelay implements AutoCloseable {
  static final String APPID = SimConfig.DEFAULT_APPID;
  static final ContractCodec CODEC = ContractCodec.create();
  private static final String CALLBACK_TOKEN = "e2e-token";

  final WeChatSim sim;
  final String bootstrap;
  private final Map<Topic, String> topics = new EnumMap<>(Topic.class);
  private final TokenService tokens;
  private final CallbackGateway gateway;
  private final SendWorker worker;
  private final KafkaProducer<String, byte[]> producer;
  private final TopicReader results;

  /** Starts it all; {@code workerEnv} adds to (or overrides) the worker's settings. */
  InProcessRelay(KafkaEndpoint kafka, RedisEndpoint redis, Map<String, String> workerEnv) {
    this(kafka, redis, Map.of(), workerEnv);
  }

  /** As above; {@code servicesEnv} adds to every service's settings (e.g. where spans go). */
  InProcessRelay(
      KafkaEndpoint kafka,
      RedisEndpoint redis,
      Map<String, String> servicesEnv,
      Map<String, String> workerEnv) {
    bootstrap = kafka.bootstrapServers();
    sim = WeChatSim.start(SimConfig.forTests());
    for (Topic topic : Topic.values()) {
      topics.put(topic, kafka.createUniqueTopic(topic.name().toLowerCase(Locale.ROOT), 3));
    }
    Map<String, String> env = new HashMap<>();
    topics.forEach((topic, name) -> env.put(topic.envVar(), name));
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("REDIS_URL", redis.url().toString());
    env.put("ADMIN_PORT", "0");
    env.put("TOKEN_REDIS_PREFIX", redis.uniquePrefix("e2e-token"));
    env.put("WECHAT_API_BASE", sim.baseUrl());
    env.putAll(servicesEnv);

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

    Map<String, String> workerSettings = new HashMap<>(env);
    workerSettings.put("WORKER_REDIS_PREFIX", redis.uniquePrefix("e2e-worker"));
    workerSettings.put("WORKER_GROUP_ID", topics.get(Topic.COMMANDS) + "-workers");
    workerSettings.put("WORKER_EVENTS_GROUP_ID", topics.get(Topic.COMMANDS) + "-events");
    workerSettings.put("WORKER_CREATE_TOPICS", "false");
    workerSettings.put("WORKER_EVENTS_START", "earliest"); // the events topic is this relay's own
    workerSettings.put("WECHAT_QR_IMAGE_BASE", sim.baseUrl() + "/cgi-bin/showqrcode");
    workerSettings.putAll(workerEnv);
    worker = SendWorker.start(WorkerConfig.fromEnv(Env.of(workerSettings)), Clock.systemUTC());

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer = new KafkaProducer<>(p);
    results = new TopicReader(bootstrap, topics.get(Topic.RESULTS));
  }

  /** This relay's name of {@code topic}. */
  String topic(Topic topic) {
    return topics.get(topic);
  }

  /**
   * Writes a command as the producers that predate the CloudEvents binding do: the structured
   * envelope as the value, no headers.
   */
  void send(EventType type, String id, CommandData data) throws Exception {
    CloudEvent<?> command = CloudEvent.of(type, id, "/e2e", APPID, Instant.now(), data);
    write(CODEC.encode(command));
  }

  /** Writes {@code value} to the commands topic, as it is, keyed by the appid. */
  void write(byte[] value) throws Exception {
    producer
        .send(new ProducerRecord<>(topics.get(Topic.COMMANDS), APPID, value))
        .get(10, TimeUnit.SECONDS);
  }

  /** The data of type {@code type} published under {@code key} on the results topic. */
  <T> List<T> published(String key, Class<T> type) {
    return results.values(key).stream()
        .map(value -> CODEC.decode(value).data())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The result of command {@code id}, once published. */
  CommandResult result(String id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !published(id, CommandResult.class).isEmpty());
    return published(id, CommandResult.class).getFirst();
  }

  @Override
  public void close() throws InterruptedException {
    results.close();
    producer.close();
    worker.close();
    gateway.close();
    tokens.close();
    sim.close();
  }
}
