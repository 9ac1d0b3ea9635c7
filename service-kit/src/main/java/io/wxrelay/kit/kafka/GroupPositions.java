package io.wxrelay.kit.kafka;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the brokers know of a consumer group's progress, read from outside the group: its committed
 * offsets, the ends of its partitions and the time of the records it has not finished. Nothing here
 * joins a group or commits, so it answers the same whether the group's consumers run, are paused,
 * rebalance or are dead. A read that fails throws {@link IllegalStateException}.
 */
public interface GroupPositions {

  /** The partitions of {@code topics}; a topic that does not exist has none. */
  List<TopicPartition> partitions(Collection<String> topics);

  /** The offsets {@code groupId} has committed; a partition it never committed is absent. */
  Map<TopicPartition, Long> committed(String groupId);

  /** Each partition's first offset still in the log (retention moves it). */
  Map<TopicPartition, Long> logStart(Collection<TopicPartition> partitions);

  /**
   * Each partition's end as a {@code read_committed} consumer sees it: the last stable offset,
   * which stops before an open transaction.
   */
  Map<TopicPartition, Long> logEnd(Collection<TopicPartition> partitions);

  /**
   * The timestamp of the first committed record at or after each partition's offset in {@code
   * positions}; a partition whose record does not come within the read's time (or carries no
   * timestamp) is absent.
   */
  Map<TopicPartition, Instant> firstTimestamps(Map<TopicPartition, Long> positions);
}
