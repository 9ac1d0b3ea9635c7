package io.wxrelay.worker.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * A group's backlog on one partition.
 *
 * @param records records after the group's position, not yet finished
 * @param oldestAge how long ago the oldest of them was written (its record timestamp); zero when
 *     there are none; empty when there are some but the timestamp of the first could not be read
 */
public record PartitionLag(TopicPartition partition, long records, Optional<Duration> oldestAge) {

  /**
   * The backlog of {@code offsets} at {@code now}, where {@code oldest} is the timestamp of the
   * first record at the group's position, if read. A timestamp in the future (a producer's clock
   * ahead of ours) counts as age zero.
   */
  public static PartitionLag of(
      PartitionOffsets offsets, boolean fromEarliest, Optional<Instant> oldest, Instant now) {
    long records = Math.max(0, offsets.logEnd() - offsets.position(fromEarliest));
    if (records == 0) {
      return new PartitionLag(offsets.partition(), 0, Optional.of(Duration.ZERO));
    }
    return new PartitionLag(
        offsets.partition(),
        records,
        oldest.map(
            written -> now.isAfter(written) ? Duration.between(written, now) : Duration.ZERO));
  }

  /** The age in seconds, with milliseconds, for a gauge. */
  public Optional<Double> oldestAgeSeconds() {
    return oldestAge.map(age -> age.toMillis() / 1000.0);
  }
}
