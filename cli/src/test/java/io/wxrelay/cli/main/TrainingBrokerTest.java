package io.wxrelay.cli.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The training broker as Kafka's own clients see it: an idempotent producer's writes acknowledged
 * at their offsets, a consumer without a group reading them back, an answer on another topic.
 */
class TrainingBrokerTest {
  private static final TrainingTopics.Answer NONE = written -> Optional.empty();

  @Test
  void aProducersWritesAreReadBackAtTheirOffsets() throws Exception {
    try (TrainingBroker broker = new TrainingBroker(Map.of("orders", 3), NONE);
        KafkaProducer<String, String> producer = producer(broker);
        KafkaConsumer<String, String> consumer = consumer(broker)) {
      RecordMetadata first = producer.send(new ProducerRecord<>("orders", 1, "k", "one")).get();
      RecordMetadata second = producer.send(new ProducerRecord<>("orders", 1, "k", "two")).get();

      assertThat(List.of(first.offset(), second.offset())).containsExactly(0L, 1L);
      assertThat(consumer.partitionsFor("orders", Duration.ofSeconds(10))).hasSize(3);
      TopicPartition partition = new TopicPartition("orders", 1);
      consumer.assign(List.of(partition));
      assertThat(consumer.endOffsets(List.of(partition))).containsEntry(partition, 2L);
      consumer.seekToBeginning(List.of(partition));
      assertThat(values(consumer, 2)).containsExactly("one", "two");
    }
  }

  @Test
  void aWriteIsAnsweredOnAnotherTopicAtItsKeysPartition() throws Exception {
    TrainingTopics.Answer echo =
        written ->
            written.topic().equals("commands")
                ? Optional.of(
                    new TrainingTopics.Written(
                        "results", written.key(), "done".getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
    try (TrainingBroker broker = new TrainingBroker(Map.of("commands", 12, "results", 12), echo);
        KafkaProducer<String, String> producer = producer(broker);
        KafkaConsumer<String, String> consumer = consumer(broker)) {
      int partition =
          BuiltInPartitioner.partitionForKey("cmd-7".getBytes(StandardCharsets.UTF_8), 12);
      TopicPartition results = new TopicPartition("results", partition);
      consumer.assign(List.of(results));
      consumer.seekToEnd(List.of(results));
      assertThat(consumer.position(results)).isZero();

      producer.send(new ProducerRecord<>("commands", "cmd-7", "send it")).get();

      assertThat(values(consumer, 1)).containsExactly("done");
      assertThat(
              broker.size(
                  "commands",
                  BuiltInPartitioner.partitionForKey("cmd-7".getBytes(StandardCharsets.UTF_8), 12)))
          .isEqualTo(1);
    }
  }

  private static List<String> values(KafkaConsumer<String, String> consumer, int count) {
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (values.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
        values.add(record.value());
      }
    }
    return values;
  }

  private static KafkaProducer<String, String> producer(TrainingBroker broker) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(TrainingBroker broker) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
