package io.wxrelay.cli.main;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.BufferSupplier;

/**
 * The {@link TrainingBroker}'s topics, held in memory (decision 0045): each partition a list of
 * records whose index is its offset, and what a request about them is answered with (metadata,
 * offsets, a write, a fetch). A write may be answered by a record on another topic, as a relay
 * would answer a command with its result ({@link Answer}). There is one node, no retention, no
 * transaction; every write is acknowledged.
 */
final class TrainingTopics {
  /** A record as written or as answered. */
  record Written(String topic, byte[] key, byte[] value) {}

  /** What a written record is answered with, if anything: another record, on any topic. */
  interface Answer extends Function<Written, Optional<Written>> {}

  /** The one node, leader of every partition. */
  static final int NODE = 0;

  private static final long FETCH_WAIT_MS = 100;

  /** ListOffsets' timestamp that asks for the first offset; every other is answered the end. */
  private static final long EARLIEST = -2;

  private final Map<String, Uuid> ids = new HashMap<>();
  private final Map<String, List<List<SimpleRecord>>> logs = new HashMap<>();
  private final Answer answer;

  /** {@code topics}: name and partitions, each empty. */
  TrainingTopics(Map<String, Integer> topics, Answer answer) {
    this.answer = answer;
    topics.forEach(
        (topic, partitions) -> {
          ids.put(topic, Uuid.randomUuid());
          List<List<SimpleRecord>> log = new ArrayList<>();
          for (int p = 0; p < partitions; p++) {
            log.add(new ArrayList<>());
          }
          logs.put(topic, log);
        });
  }

  /** How many records a partition holds. */
  synchronized int size(String topic, int partition) {
    return logs.get(topic).get(partition).size();
  }

  /** The node at {@code host}:{@code port} and the topics asked for (all when none is named). */
  synchronized MetadataResponseData metadata(MetadataRequestData request, String host, int port) {
    var brokers = new MetadataResponseData.MetadataResponseBrokerCollection();
    brokers.add(
        new MetadataResponseData.MetadataResponseBroker()
            .setNodeId(NODE)
            .setHost(host)
            .setPort(port));
    var topics = new MetadataResponseData.MetadataResponseTopicCollection();
    List<String> names =
        request.topics() == null
            ? List.copyOf(logs.keySet())
            : request.topics().stream()
                .map(MetadataRequestData.MetadataRequestTopic::name)
                .toList();
    for (String name : names) {
      var topic = new MetadataResponseData.MetadataResponseTopic().setName(name);
      if (!logs.containsKey(name)) {
        topics.add(topic.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));
        continue;
      }
      List<MetadataResponseData.MetadataResponsePartition> partitions = new ArrayList<>();
      for (int p = 0; p < logs.get(name).size(); p++) {
        partitions.add(
            new MetadataResponseData.MetadataResponsePartition()
                .setPartitionIndex(p)
                .setLeaderId(NODE)
                .setLeaderEpoch(0)
                .setReplicaNodes(List.of(NODE))
                .setIsrNodes(List.of(NODE)));
      }
      topics.add(topic.setTopicId(ids.get(name)).setPartitions(partitions));
    }
    return new MetadataResponseData()
        .setBrokers(brokers)
        .setClusterId("wxrelay-training")
        .setControllerId(NODE)
        .setTopics(topics);
  }

  synchronized ListOffsetsResponseData offsets(ListOffsetsRequestData request) {
    List<ListOffsetsResponseData.ListOffsetsTopicResponse> topics = new ArrayList<>();
    for (var asked : request.topics()) {
      List<ListOffsetsResponseData.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
      for (var partition : asked.partitions()) {
        int end = logs.get(asked.name()).get(partition.partitionIndex()).size();
        partitions.add(
            new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                .setPartitionIndex(partition.partitionIndex())
                .setTimestamp(-1)
                .setOffset(partition.timestamp() == EARLIEST ? 0 : end)); // else: the latest
      }
      topics.add(
          new ListOffsetsResponseData.ListOffsetsTopicResponse()
              .setName(asked.name())
              .setPartitions(partitions));
    }
    return new ListOffsetsResponseData().setTopics(topics);
  }

  ProduceResponseData produce(ProduceRequestData request) {
    var responses = new ProduceResponseData.TopicProduceResponseCollection();
    for (var topicData : request.topicData()) {
      String topic = name(topicData.name(), topicData.topicId());
      List<ProduceResponseData.PartitionProduceResponse> partitions = new ArrayList<>();
      for (var partitionData : topicData.partitionData()) {
        long base = append(topic, partitionData.index(), (MemoryRecords) partitionData.records());
        partitions.add(
            new ProduceResponseData.PartitionProduceResponse()
                .setIndex(partitionData.index())
                .setBaseOffset(base));
      }
      responses.add(
          new ProduceResponseData.TopicProduceResponse()
              .setName(topicData.name())
              .setTopicId(topicData.topicId())
              .setPartitionResponses(partitions));
    }
    return new ProduceResponseData().setResponses(responses);
  }

  /**
   * Appends the records, then what they are answered with, all at once (the answers are made first:
   * one that fails appends nothing); returns the first record's offset.
   */
  private long append(String topic, int partition, MemoryRecords records) {
    List<SimpleRecord> kept = new ArrayList<>();
    for (RecordBatch batch : records.batches()) {
      try (var iterator = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
        while (iterator.hasNext()) {
          Record record = iterator.next();
          kept.add(
              new SimpleRecord(record.timestamp(), record.key(), record.value(), record.headers()));
        }
      }
    }
    List<Written> answers = new ArrayList<>();
    for (SimpleRecord record : kept) {
      answer
          .apply(new Written(topic, bytes(record.key()), bytes(record.value())))
          .ifPresent(answers::add);
    }
    long base;
    synchronized (this) {
      List<SimpleRecord> log = logs.get(topic).get(partition);
      base = log.size();
      log.addAll(kept);
      for (Written written : answers) {
        List<List<SimpleRecord>> target = logs.get(written.topic());
        int p = BuiltInPartitioner.partitionForKey(written.key(), target.size());
        target
            .get(p)
            .add(new SimpleRecord(System.currentTimeMillis(), written.key(), written.value()));
      }
      notifyAll();
    }
    return base;
  }

  /** What the partitions asked for hold from their offsets, once there is some or after a wait. */
  FetchResponseData fetch(FetchRequestData request) throws InterruptedException {
    long until = System.currentTimeMillis() + Math.min(request.maxWaitMs(), FETCH_WAIT_MS);
    synchronized (this) {
      while (!anyToFetch(request) && System.currentTimeMillis() < until) {
        wait(Math.max(1, until - System.currentTimeMillis()));
      }
      List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
      for (var asked : request.topics()) {
        String topic = name(asked.topic(), asked.topicId());
        List<FetchResponseData.PartitionData> partitions = new ArrayList<>();
        for (var partition : asked.partitions()) {
          List<SimpleRecord> log = logs.get(topic).get(partition.partition());
          int from = (int) Math.min(partition.fetchOffset(), log.size());
          partitions.add(
              new FetchResponseData.PartitionData()
                  .setPartitionIndex(partition.partition())
                  .setHighWatermark(log.size())
                  .setLastStableOffset(log.size())
                  .setLogStartOffset(0)
                  .setRecords(
                      from == log.size()
                          ? MemoryRecords.EMPTY
                          : MemoryRecords.withRecords(
                              from,
                              Compression.NONE,
                              log.subList(from, log.size()).toArray(SimpleRecord[]::new))));
        }
        topics.add(
            new FetchResponseData.FetchableTopicResponse()
                .setTopic(asked.topic())
                .setTopicId(asked.topicId())
                .setPartitions(partitions));
      }
      return new FetchResponseData().setResponses(topics);
    }
  }

  private boolean anyToFetch(FetchRequestData request) {
    for (var asked : request.topics()) {
      List<List<SimpleRecord>> log = logs.get(name(asked.topic(), asked.topicId()));
      for (var partition : asked.partitions()) {
        if (partition.fetchOffset() < log.get(partition.partition()).size()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A topic by its name, or by its id where the request's version names it only so. */
  private String name(String name, Uuid id) {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return ids.entrySet().stream()
        .filter(e -> e.getValue().equals(id))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no topic with id " + id));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
