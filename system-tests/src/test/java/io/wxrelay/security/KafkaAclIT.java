package io.wxrelay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.kafka.KafkaClients;
import io.wxrelay.kit.kafka.KafkaReachability;
import io.wxrelay.kit.kafka.TopicProvisioner;
import io.wxrelay.schemas.Topic;
import io.wxrelay.testkit.SecureBroker;
import io.wxrelay.testkit.SecureBroker.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SASL_SSL broker of {@code scripts/kafka.sh} (KAFKA_SECURITY=sasl_ssl) enforces who may do
 * what: each principal is refused what its ACLs do not give, a wrong password and a plaintext
 * client get nowhere, and wxrelay's own clients (configured through KAFKA_CLIENT_CONFIG_FILE) start
 * under least privilege.
 */
class KafkaAclIT {
  private static SecureBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = SecureBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theGatewayMayPublishEventsButNotCommands() throws Exception {
    try (KafkaProducer<String, byte[]> gateway = clients(Principal.GATEWAY).producer("acl-gw")) {
      RecordMetadata written =
          gateway.send(record(Topic.EVENTS.defaultName())).get(30, TimeUnit.SECONDS);
      assertThat(written.topic()).isEqualTo(Topic.EVENTS.defaultName());

      assertThat(sendFailure(gateway, Topic.COMMANDS.defaultName()))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void theWorkerReadsCommandsInItsGroupAndWritesResultsButNotEvents() throws Exception {
    String id = UUID.randomUUID().toString();
    try (KafkaProducer<String, byte[]> cli = clients(Principal.CLI).producer("acl-cli")) {
      cli.send(new ProducerRecord<>(Topic.COMMANDS.defaultName(), id, bytes(id)))
          .get(30, TimeUnit.SECONDS);
    }
    KafkaClients worker = clients(Principal.WORKER);
    try (KafkaConsumer<String, byte[]> commands =
        worker.consumer("wxrelay-send-worker", "acl-worker")) {
      commands.subscribe(List.of(Topic.COMMANDS.defaultName()));
      List<String> keys = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                commands.poll(Duration.ofMillis(200)).forEach(r -> keys.add(key(r)));
                return keys.contains(id);
              });
      commands.commitSync(Duration.ofSeconds(10)); // READ on its group
    }
    try (KafkaProducer<String, byte[]> producer = worker.producer("acl-worker")) {
      producer.send(record(Topic.RESULTS.defaultName())).get(30, TimeUnit.SECONDS);
      assertThat(sendFailure(producer, Topic.EVENTS.defaultName()))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    Properties props = broker.clientConfig(Principal.GATEWAY);
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"gateway\" password=\"not-the-password\";");
    assertThat(describeClusterFailure(props)).isInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void aPlaintextClientCannotTalkToTheSaslSslPort() {
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    assertThat(describeClusterFailure(props)).isInstanceOf(TimeoutException.class);
  }

  @Test
  void servicesStartUnderLeastPrivilegeWhenTheTopicsExist() {
    // The gateway may not create or see wechat.commands: one warning, no failure.
    KafkaClients gateway = clients(Principal.GATEWAY);
    try (Admin admin = gateway.admin("acl-gw-topics");
        KafkaReachability reachability = KafkaReachability.of(gateway, "acl-gw-health")) {
      Map<Topic, String> names = new EnumMap<>(Topic.class);
      names.put(Topic.EVENTS, Topic.EVENTS.defaultName());
      names.put(Topic.COMMANDS, Topic.COMMANDS.defaultName());
      assertThat(new TopicProvisioner(admin, java.util.Optional.empty(), Map.of()).ensure(names))
          .isEmpty();
      assertThat(reachability.health()).extracting(Health::up).isEqualTo(true);
    }
    // The worker sees all five of its topics, and creates none.
    KafkaClients worker = clients(Principal.WORKER);
    Map<Topic, String> all = new EnumMap<>(Topic.class);
    for (Topic topic : Topic.values()) {
      all.put(topic, topic.defaultName());
    }
    try (Admin admin = worker.admin("acl-worker-topics")) {
      assertThat(new TopicProvisioner(admin, java.util.Optional.empty(), Map.of()).ensure(all))
          .isEmpty();
    }
  }

  /** wxrelay's Kafka clients as a service running as {@code principal} makes them. */
  private static KafkaClients clients(Principal principal) {
    Map<String, String> env = new java.util.HashMap<>(broker.serviceEnv(principal));
    env.put("KAFKA_CLIENT_MAX_BLOCK_MS", "15000");
    return new KafkaClients(KafkaSettings.fromEnv(Env.of(env)), new SimpleMeterRegistry());
  }

  private static ProducerRecord<String, byte[]> record(String topic) {
    return new ProducerRecord<>(topic, "acl-test", bytes("{}"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String key(ConsumerRecord<String, byte[]> record) {
    return record.key();
  }

  /** Why a send to {@code topic} failed, whether send() threw or its future did. */
  private static Throwable sendFailure(KafkaProducer<String, byte[]> producer, String topic) {
    Throwable thrown = catchThrowable(() -> producer.send(record(topic)).get(30, TimeUnit.SECONDS));
    return thrown instanceof ExecutionException ? thrown.getCause() : thrown;
  }

  /** Why an admin client with {@code props} could not describe the cluster. */
  private static Throwable describeClusterFailure(Properties props) {
    props.put("request.timeout.ms", "3000");
    props.put("default.api.timeout.ms", "6000");
    try (Admin admin = Admin.create(props)) {
      Throwable thrown =
          catchThrowable(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS));
      assertThat(thrown).as("the broker must refuse this client").isNotNull();
      return thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    }
  }
}
