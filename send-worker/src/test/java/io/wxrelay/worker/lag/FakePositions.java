package io.wxrelay.worker.lag;

import io.wxrelay.kit.kafka.GroupPositions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A broker's view of groups held in memory: partitions with their log bounds and record times,
 * groups with their commits. Counts the records it is asked to read; can be made to fail.
 */
final class FakePositions implements GroupPositions {
  private final Map<TopicPartition, long[]> bounds = new HashMap<>();
  private final Map<TopicPartition, Map<Long, Instant>> times = new HashMap<>();
  private final Map<String, Map<TopicPartition, Long>> commits = new HashMap<>();
  final List<Map<TopicPartition, Long>> reads = new ArrayList<>();
  volatile boolean failing;

  /** A partition holding offsets {@code start} to {@code end - 1}. */
  synchronized FakePositions partition(String topic, int partition, long start, long end) {
    bounds.put(new TopicPartition(topic, partition), new long[] {start, end});
    return this;
  }

  synchronized FakePositions remove(String topic, int partition) {
    bounds.remove(new TopicPartition(topic, partition));
    return this;
  }

  /** The record at {@code offset} was written at {@code at}. */
  synchronized FakePositions written(String topic, int partition, long offset, Instant at) {
    times
        .computeIfAbsent(new TopicPartition(topic, partition), p -> new HashMap<>())
        .put(offset, at);
    return this;
  }

  synchronized FakePositions commit(String group, String topic, int partition, long offset) {
    commits
        .computeIfAbsent(group, g -> new HashMap<>())
        .put(new TopicPartition(topic, partition), offset);
    return this;
  }

  @Override
  public synchronized List<TopicPartition> partitions(Collection<String> topics) {
    fail();
    return bounds.keySet().stream().filter(p -> topics.contains(p.topic())).toList();
  }

  @Override
  public synchronized Map<TopicPartition, Long> committed(String groupId) {
    fail();
    return Map.copyOf(commits.getOrDefault(groupId, Map.of()));
  }

  @Override
  public synchronized Map<TopicPartition, Long> logStart(Collection<TopicPartition> partitions) {
    return bound(partitions, 0);
  }

  @Override
  public synchronized Map<TopicPartition, Long> logEnd(Collection<TopicPartition> partitions) {
    return bound(partitions, 1);
  }

  /** The first record at or after each position, like a consumer that seeks there. */
  @Override
  public synchronized Map<TopicPartition, Instant> firstTimestamps(
      Map<TopicPartition, Long> positions) {
    fail();
    reads.add(Map.copyOf(positions));
    Map<TopicPartition, Instant> found = new HashMap<>();
    positions.forEach(
        (partition, position) ->
            times.getOrDefault(partition, Map.of()).entrySet().stream()
                .filter(e -> e.getKey() >= position)
                .min(Map.Entry.comparingByKey())
                .ifPresent(e -> found.put(partition, e.getValue())));
    return found;
  }

  private Map<TopicPartition, Long> bound(Collection<TopicPartition> partitions, int which) {
    fail();
    Map<TopicPartition, Long> out = new HashMap<>();
    partitions.forEach(p -> out.put(p, bounds.get(p)[which]));
    return out;
  }

  private void fail() {
    if (failing) {
      throw new IllegalStateException("the brokers do not answer");
    }
  }
}
