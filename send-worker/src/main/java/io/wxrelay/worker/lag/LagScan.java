package io.wxrelay.worker.lag;

import io.wxrelay.kit.kafka.GroupPositions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * One read of a group's lag: its partitions, committed offsets and log bounds from the brokers, and
 * the timestamp of the first unfinished record of each partition that has any. A timestamp is read
 * once per position: a partition whose group does not move (paused, dead) costs no fetch after the
 * first. Used by one thread.
 */
final class LagScan {
  private final GroupPositions positions;
  private final InstantSource clock;

  /** Per group and partition: the position whose first record's timestamp is known, and it. */
  private final Map<String, Map<TopicPartition, Known>> known = new HashMap<>();

  private record Known(long position, Instant timestamp) {}

  LagScan(GroupPositions positions, InstantSource clock) {
    this.positions = positions;
    this.clock = clock;
  }

  /** The lag of each partition of {@code group}'s topics; throws when the brokers cannot say. */
  List<PartitionLag> scan(WatchedGroup group) {
    List<TopicPartition> partitions = positions.partitions(group.topics());
    // Committed before the log ends: an offset committed in between cannot pass the end read.
    Map<TopicPartition, Long> committed = positions.committed(group.groupId());
    Map<TopicPartition, Long> starts = positions.logStart(partitions);
    Map<TopicPartition, Long> ends = positions.logEnd(partitions);
    List<PartitionOffsets> offsets = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Long start = starts.get(partition);
      Long end = ends.get(partition);
      if (start != null && end != null) {
        Long at = committed.get(partition);
        offsets.add(
            new PartitionOffsets(
                partition, at == null ? OptionalLong.empty() : OptionalLong.of(at), start, end));
      }
    }
    Map<TopicPartition, Instant> oldest = oldest(group, offsets);
    Instant now = clock.instant();
    return offsets.stream()
        .map(
            o ->
                PartitionLag.of(
                    o, group.fromEarliest(), Optional.ofNullable(oldest.get(o.partition())), now))
        .toList();
  }

  /**
   * The timestamp of the first record at the position of each partition with lag: remembered from
   * an earlier scan at the same position, else read. Forgets partitions without lag.
   */
  private Map<TopicPartition, Instant> oldest(WatchedGroup group, List<PartitionOffsets> offsets) {
    Map<TopicPartition, Known> before = known.getOrDefault(group.groupId(), Map.of());
    Map<TopicPartition, Known> now = new HashMap<>();
    Map<TopicPartition, Long> toRead = new HashMap<>();
    for (PartitionOffsets o : offsets) {
      long position = o.position(group.fromEarliest());
      if (position < o.logEnd()) {
        Known was = before.get(o.partition());
        if (was != null && was.position() == position) {
          now.put(o.partition(), was);
        } else {
          toRead.put(o.partition(), position);
        }
      }
    }
    Map<TopicPartition, Instant> read =
        toRead.isEmpty() ? Map.of() : positions.firstTimestamps(toRead);
    toRead.forEach(
        (partition, position) -> {
          Instant at = read.get(partition);
          if (at != null) {
            now.put(partition, new Known(position, at));
          }
        });
    known.put(group.groupId(), now);
    Map<TopicPartition, Instant> oldest = new HashMap<>();
    now.forEach((partition, k) -> oldest.put(partition, k.timestamp()));
    return oldest;
  }
}
