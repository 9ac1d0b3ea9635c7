package io.wxrelay.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.schemas.Topic;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructure.class)
class KafkaClientsIT {

  @Test
  void provisionerCreatesEveryMissingTopicOnceWithItsPartitions(KafkaEndpoint kafka)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = new HashMap<>();
    for (Topic topic : Topic.values()) {
      env.put(topic.envVar(), "it-" + run + "-" + topic.defaultName());
    }
    KafkaClients clients = clients(kafka);

    try (Admin admin = clients.admin("it-admin")) {
      var provisioner = new TopicProvisioner(admin, (short) 1);
      List<String> first = provisioner.ensure(EnumSet.allOf(Topic.class), env);
      List<String> second = provisioner.ensure(EnumSet.allOf(Topic.class), env);

      assertThat(first).containsExactlyInAnyOrderElementsOf(env.values());
      assertThat(second).isEmpty();
      Map<String, TopicDescription> described =
          admin.describeTopics(env.values()).allTopicNames().get();
      for (Topic topic : Topic.values()) {
        assertThat(described.get(topic.nameIn(env)).partitions())
            .hasSize(topic.defaultPartitions());
      }
    }
  }

  @Test
  void partitionCountsComeFromTheSettings(KafkaEndpoint kafka) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = new HashMap<>();
    env.put(Topic.COMMANDS.envVar(), "it-" + run + "-commands");
    env.put("WXRELAY_TOPIC_COMMANDS_PARTITIONS", "5");
    KafkaSettings settings = KafkaSettings.fromEnv(Env.of(env));

    try (Admin admin = clients(kafka).admin("it-admin")) {
      TopicProvisioner.of(admin, settings).ensure(EnumSet.of(Topic.COMMANDS), env);

      TopicDescription commands =
          admin
              .describeTopics(List.of("it-" + run + "-commands"))
              .allTopicNames()
              .get()
              .values()
              .iterator()
              .next();
      assertThat(commands.partitions()).hasSize(5);
      assertThat(commands.partitions().getFirst().replicas())
          .as("no KAFKA_REPLICATION_FACTOR: the broker's default")
          .hasSize(kafka.replicationFactor());
    }
  }

  @Test
  void servicesStartedTogetherNeverFailOnTopicsAnotherOneCreatedFirst(KafkaEndpoint kafka)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = new HashMap<>();
    for (Topic topic : Topic.values()) {
      env.put(topic.envVar(), "it-race-" + run + "-" + topic.defaultName());
    }
    KafkaClients clients = clients(kafka);
    int creators = 6;
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(creators);
    try {
      List<java.util.concurrent.Future<List<String>>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < creators; i++) {
        runs.add(
            pool.submit(
                () -> {
                  try (Admin admin = clients.admin("it-race")) {
                    start.await();
                    return new TopicProvisioner(admin, (short) 1)
                        .ensure(EnumSet.allOf(Topic.class), env);
                  }
                }));
      }
      start.countDown();
      List<String> createdByAnyone = new java.util.ArrayList<>();
      for (var created : runs) {
        createdByAnyone.addAll(created.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      // Every topic was created by exactly one of the racers, and none of them failed.
      assertThat(createdByAnyone).containsExactlyInAnyOrderElementsOf(env.values());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void producerAndConsumerRoundTripAndTheConsumerNeverCommitsByItself(KafkaEndpoint kafka)
      throws Exception {
    String topic = kafka.createUniqueTopic("kit-clients", 1);
    KafkaClients clients = clients(kafka);
    try (var producer = clients.producer("it-producer");
        var consumer = clients.consumer(topic + "-group", "it-consumer")) {
      producer.send(new ProducerRecord<>(topic, "wx5823bf96d3bd56c7:o1", new byte[] {42})).get();
      consumer.subscribe(List.of(topic));

      ConsumerRecord<String, byte[]> record = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (record == null && System.nanoTime() < deadline) {
        var polled = consumer.poll(Duration.ofMillis(200));
        if (!polled.isEmpty()) {
          record = polled.iterator().next();
        }
      }

      assertThat(record).isNotNull();
      assertThat(record.key()).isEqualTo("wx5823bf96d3bd56c7:o1");
      assertThat(record.value()).containsExactly(42);
      assertThat(
              consumer
                  .committed(java.util.Set.of(new TopicPartition(topic, 0)))
                  .get(new TopicPartition(topic, 0)))
          .isNull();
    }
  }

  private static KafkaClients clients(KafkaEndpoint kafka) {
    var settings =
        KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())));
    return new KafkaClients(settings, new SimpleMeterRegistry());
  }
}
