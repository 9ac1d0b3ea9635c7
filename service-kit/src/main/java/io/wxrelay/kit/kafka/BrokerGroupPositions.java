package io.wxrelay.kit.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@link GroupPositions} from the brokers: an admin client for offsets, and a consumer in no group
 * ({@link KafkaClients#reader}) that seeks to an offset and reads one record's timestamp. Both have
 * the service's own Kafka settings (TLS, SASL). Not thread-safe: one thread uses it.
 */
public final class BrokerGroupPositions implements GroupPositions, AutoCloseable {
  /** A few records per poll: only the first of each partition is wanted. */
  static final int MAX_POLL_RECORDS = 10;

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;
  private final Duration timeout;

  BrokerGroupPositions(Admin admin, KafkaConsumer<byte[], byte[]> reader, Duration timeout) {
    this.admin = admin;
    this.reader = reader;
    this.timeout = timeout;
  }

  /**
   * Positions read through clients named {@code clientId}; each request waits at most {@code
   * timeout}.
   */
  public static BrokerGroupPositions of(KafkaClients kafka, String clientId, Duration timeout) {
    Map<String, String> small =
        Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            Integer.toString(MAX_POLL_RECORDS),
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            "65536");
    return new BrokerGroupPositions(
        kafka.admin(clientId + "-admin"), kafka.reader(clientId + "-reader", small), timeout);
  }

  @Override
  public List<TopicPartition> partitions(Collection<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    admin
        .describeTopics(topics)
        .topicNameValues()
        .forEach(
            (topic, described) -> {
              TopicDescription description = orNullIfUnknown(described, topic);
              if (description != null) {
                description
                    .partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
              }
            });
    return partitions;
  }

  @Override
  public Map<TopicPartition, Long> committed(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> offsets;
    try {
      offsets =
          await(
              admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
              "the offsets of group " + groupId);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of();
      }
      throw e;
    }
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> {
          if (offset != null) {
            committed.put(partition, offset.offset());
          }
        });
    return committed;
  }

  @Override
  public Map<TopicPartition, Long> logStart(Collection<TopicPartition> partitions) {
    return offsets(partitions, OffsetSpec.earliest());
  }

  @Override
  public Map<TopicPartition, Long> logEnd(Collection<TopicPartition> partitions) {
    return offsets(partitions, OffsetSpec.latest());
  }

  @Override
  public Map<TopicPartition, Instant> firstTimestamps(Map<TopicPartition, Long> positions) {
    if (positions.isEmpty()) {
      return Map.of();
    }
    reader.assign(positions.keySet());
    positions.forEach(reader::seek);
    Map<TopicPartition, Instant> found = new HashMap<>();
    List<TopicPartition> done = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (done.size() < positions.size() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records =
            reader.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        for (TopicPartition partition : records.partitions()) {
          if (!done.contains(partition)) {
            done.add(partition);
            ConsumerRecord<byte[], byte[]> first = records.records(partition).getFirst();
            if (first.timestamp() >= 0) {
              found.put(partition, Instant.ofEpochMilli(first.timestamp()));
            }
          }
        }
        reader.pause(done);
      }
    } finally {
      reader.unsubscribe();
    }
    return found;
  }

  private Map<TopicPartition, Long> offsets(
      Collection<TopicPartition> partitions, OffsetSpec spec) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> specs =
        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> infos =
        await(
            admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
            "the offsets of " + partitions.size() + " partitions");
    Map<TopicPartition, Long> offsets = new HashMap<>();
    infos.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private TopicDescription orNullIfUnknown(KafkaFuture<TopicDescription> described, String topic) {
    try {
      return await(described, "topic " + topic);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(what + " could not be read: " + cause, cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not come within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + what, e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close(Duration.ofSeconds(2));
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
