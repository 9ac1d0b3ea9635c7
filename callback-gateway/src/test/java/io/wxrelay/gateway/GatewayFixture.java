package io.wxrelay.gateway;

import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A gateway on a topic of its own, a simulator pushing to it, and a reader of the topic. */
final class GatewayFixture implements AutoCloseable {
  static final String APPID = SimConfig.DEFAULT_APPID;
  static final String TOKEN = "cbtoken";
  static final String KEY = SimConfig.SAMPLE_AES_KEY;
  static final ContractCodec CODEC = ContractCodec.create();

  final WeChatSim sim = WeChatSim.start(SimConfig.forTests());
  final String topic;
  final CallbackGateway gateway;
  private final KafkaEndpoint kafka;
  private final HttpClient http = HttpClient.newHttpClient();

  GatewayFixture(KafkaEndpoint kafka, RedisEndpoint redis, String mode, Map<String, String> extra) {
    this.kafka = kafka;
    this.topic = kafka.createUniqueTopic("gateway-events", 3);
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_APPS", APPID + ":" + TOKEN + ":" + mode + ":" + KEY);
    env.put("GATEWAY_PORT", "0");
    env.put("ADMIN_PORT", "0");
    env.put("WXRELAY_TOPIC_EVENTS", topic);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("REDIS_URL", redis.url().toString());
    env.put("GATEWAY_DEDUPE_PREFIX", redis.uniquePrefix("gateway"));
    env.putAll(extra);
    gateway = CallbackGateway.start(GatewayConfig.fromEnv(Env.of(env)), Clock.systemUTC());
    var app = sim.accounts().app(APPID).orElseThrow();
    sim.accounts().update(app.withCallback(url(), TOKEN, Mode.valueOf(mode.toUpperCase()), KEY));
  }

  String url() {
    return "http://127.0.0.1:" + gateway.port() + "/wechat/" + APPID;
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String query, String contentType, byte[] body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url() + (query.isEmpty() ? "" : "?" + query)))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /**
   * Every event on the topic, read until {@code expected} arrived or 20 s passed, then 1 s more;
   * each record's key must be its event's {@code appid:openid}.
   */
  List<CloudEvent<?>> events(int expected) {
    List<CloudEvent<?>> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records(expected)) {
      CloudEvent<?> event = CODEC.decode(record.value());
      String key =
          event.subject() + ":" + ((io.wxrelay.schemas.inbound.InboundData) event.data()).openid();
      if (!record.key().equals(key)) {
        throw new AssertionError("key " + record.key() + " is not appid:openid of " + event.id());
      }
      events.add(event);
    }
    return events;
  }

  /**
   * Every record on the topic, read until {@code expected} arrived or 20 s passed, then 1 s more.
   */
  List<ConsumerRecord<String, byte[]>> records(int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long extra = 0;
      while (System.nanoTime() < deadline && (records.size() < expected || extra < 5)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (records.size() >= expected) {
          extra++;
        }
      }
    }
    return records;
  }

  @Override
  public void close() {
    gateway.close();
    sim.close();
  }
}
