package io.wxrelay.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.kafka.KafkaClients;
import io.wxrelay.kit.metrics.Metrics;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.worker.metrics.WorkerMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lag of a group whose consumer has stopped — when the consumer's own {@code records-lag-max}
 * is gone — read from a real broker: the uncommitted records, and the age of the first of them.
 */
@ExtendWith(RealInfrastructure.class)
class GroupLagIT {
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  @Test
  void aStoppedGroupsLagIsItsUncommittedRecordsAndItsAgeThatOfTheFirst(KafkaEndpoint kafka)
      throws Exception {
    String topic = kafka.createUniqueTopic("lag-it", 2);
    String group = "lag-it-" + UUID.randomUUID().toString().substring(0, 8);
    KafkaClients clients =
        new KafkaClients(
            KafkaSettings.fromEnv(
                Env.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()))),
            new SimpleMeterRegistry());
    Instant written = Instant.now().minusSeconds(300);
    write(clients, topic, written);
    consumeThenStop(clients, group, topic);

    PrometheusMeterRegistry registry = Metrics.newRegistry("send-worker");
    try (LagPoller poller =
        LagPoller.of(
                clients,
                "lag-it",
                List.of(WatchedGroup.of(group, List.of(topic), "earliest")),
                new LagSettings(INTERVAL),
                registry,
                Clock.systemUTC())
            .start()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> lag(registry, group, topic, 0) == 6.0);
      assertThat(lag(registry, group, topic, 1)).as("all committed").isZero();
      assertThat(age(registry, group, topic, 1)).isZero();

      // The first unfinished record of partition 0 is its fifth, written at written + 4 s.
      double expected = Duration.between(written.plusSeconds(4), Instant.now()).toMillis() / 1000.0;
      double first = age(registry, group, topic, 0);
      assertThat(first).isBetween(expected - INTERVAL.toSeconds() - 5, expected + 0.5);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> age(registry, group, topic, 0) >= first + 1.5);
      assertThat(lag(registry, group, topic, 0)).isEqualTo(6.0);

      String scraped = registry.scrape();
      assertThat(scraped)
          .contains("wxrelay_kafka_group_lag_records{")
          .contains("wxrelay_kafka_group_oldest_age_seconds{")
          .contains("wxrelay_kafka_group_lag_errors_total{");
    }
  }

  /** Ten records on partition 0 (one a second from {@code from}) and four on partition 1. */
  private static void write(KafkaClients clients, String topic, Instant from) throws Exception {
    try (KafkaProducer<String, byte[]> producer = clients.producer("lag-it-producer")) {
      for (int i = 0; i < 10; i++) {
        producer.send(record(topic, 0, from.plusSeconds(i))).get();
      }
      for (int i = 0; i < 4; i++) {
        producer.send(record(topic, 1, from.plusSeconds(i))).get();
      }
    }
  }

  private static ProducerRecord<String, byte[]> record(String topic, int partition, Instant at) {
    return new ProducerRecord<>(topic, partition, at.toEpochMilli(), "key", new byte[] {1});
  }

  /**
   * A member of {@code group} reads everything, commits 4 of partition 0's 10 records and all of
   * partition 1, and leaves: no consumer of the group is alive.
   */
  private static void consumeThenStop(KafkaClients clients, String group, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = clients.consumer(group, "lag-it-member")) {
      consumer.subscribe(List.of(topic));
      int records = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records < 14 && System.nanoTime() < deadline) {
        ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(500));
        records += polled.count();
      }
      assertThat(records).isEqualTo(14);
      consumer.commitSync(
          Map.of(
              new TopicPartition(topic, 0), new OffsetAndMetadata(4),
              new TopicPartition(topic, 1), new OffsetAndMetadata(4)));
    }
  }

  private static double lag(
      PrometheusMeterRegistry registry, String group, String topic, int partition) {
    return value(registry, WorkerMeters.GROUP_LAG, group, topic, partition);
  }

  private static double age(
      PrometheusMeterRegistry registry, String group, String topic, int partition) {
    return value(registry, WorkerMeters.GROUP_OLDEST_AGE, group, topic, partition);
  }

  private static double value(
      PrometheusMeterRegistry registry,
      WorkerMeters meter,
      String group,
      String topic,
      int partition) {
    var gauge =
        registry
            .find(meter.meterName())
            .tags("group", group, "topic", topic, "partition", Integer.toString(partition))
            .gauge();
    return gauge == null ? -1 : gauge.value();
  }
}
