package io.wxrelay.cli.consume;

import io.wxrelay.cli.CliError;
import io.wxrelay.kit.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of one topic (or only the one a key's records are on) without a consumer
 * group: a reader commits nothing and moves no upstream team's offsets. It starts at the end (what
 * arrives from now on) or at the beginning.
 */
public final class TopicReader implements AutoCloseable {
  /** How long the CLI waits for a broker before it says none answered. */
  public static final Duration BROKER_WAIT = Duration.ofSeconds(10);

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;

  private TopicReader(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    this.consumer = consumer;
    this.partitions = partitions;
  }

  /**
   * Opens {@code topic} at its beginning or at its current end; the position is fixed before this
   * returns, so nothing written afterwards is missed.
   */
  public static TopicReader open(KafkaSettings kafka, String topic, boolean fromBeginning) {
    return open(kafka, topic, fromBeginning, null);
  }

  /**
   * Opens, at its current end, only the partition of {@code topic} that Kafka's default partitioner
   * puts records keyed {@code key} on (asked of the producer's own {@code BuiltInPartitioner}):
   * where a command's result and what follows it arrive, since wxrelay keys them by the command id.
   * One partition's end offset to ask for instead of every partition's.
   */
  public static TopicReader openForKey(KafkaSettings kafka, String topic, String key) {
    return open(kafka, topic, false, key);
  }

  private static TopicReader open(
      KafkaSettings kafka, String topic, boolean fromBeginning, String key) {
    KafkaConsumer<String, byte[]> consumer = consumer(kafka);
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_WAIT);
      if (infos == null || infos.isEmpty()) {
        throw new CliError("topic " + topic + " does not exist on " + kafka.bootstrapServers());
      }
      List<TopicPartition> partitions =
          key == null
              ? infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList()
              : List.of(
                  new TopicPartition(
                      topic,
                      BuiltInPartitioner.partitionForKey(
                          key.getBytes(StandardCharsets.UTF_8), infos.size())));
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      partitions.forEach(p -> consumer.position(p, BROKER_WAIT)); // fixes the start now
      return new TopicReader(consumer, partitions);
    } catch (TimeoutException e) {
      consumer.close(Duration.ZERO);
      throw noBroker(kafka);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(KafkaSettings kafka) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wxrelay-cli");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(kafka.overrides());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(props);
  }

  /** The sentence for a broker that does not answer. */
  public static CliError noBroker(KafkaSettings kafka) {
    return new CliError(
        "no Kafka broker answered at "
            + kafka.bootstrapServers()
            + " within "
            + BROKER_WAIT.toSeconds()
            + "s (start the relay with scripts/up.sh, or set KAFKA_BOOTSTRAP_SERVERS)",
        CliError.UNAVAILABLE);
  }

  /** One record as read: where it was, its key, its value and its headers. */
  public record Read(int partition, long offset, String key, byte[] value, List<Header> headers) {}

  /** The records that arrived within {@code wait}, in partition order. */
  public List<Read> poll(Duration wait) {
    var records = consumer.poll(wait);
    List<Read> list = new java.util.ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> r : records) {
      list.add(
          new Read(r.partition(), r.offset(), r.key(), r.value(), List.of(r.headers().toArray())));
    }
    return list;
  }

  /** Whether every partition has been read up to {@code ends} (from {@link #endOffsets()}). */
  public boolean reached(Map<TopicPartition, Long> ends) {
    return partitions.stream().allMatch(p -> consumer.position(p, BROKER_WAIT) >= ends.get(p));
  }

  /** Each partition's current end. */
  public Map<TopicPartition, Long> endOffsets() {
    return consumer.endOffsets(partitions, BROKER_WAIT);
  }

  /**
   * Closes at once: a reader has no group and nothing to commit, and a timeout here waited for the
   * long poll in flight (the broker answers an empty fetch after fetch.max.wait.ms, 500 ms) before
   * the CLI could exit: about half a second of every {@code send --wait}.
   */
  @Override
  public void close() {
    consumer.close(Duration.ZERO);
  }
}
