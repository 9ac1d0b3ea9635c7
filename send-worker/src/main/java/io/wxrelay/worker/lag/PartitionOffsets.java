package io.wxrelay.worker.lag;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition as the brokers see it for one group.
 *
 * @param committed the group's committed offset (the next record it would read), if any
 * @param logStart the first offset still in the log
 * @param logEnd the offset after the last committed record (the last stable offset)
 */
public record PartitionOffsets(
    TopicPartition partition, OptionalLong committed, long logStart, long logEnd) {

  /**
   * Where the group's next consumer of this partition starts: the committed offset; where there is
   * none, or retention has deleted the record at it, where the group's {@code auto.offset.reset}
   * sends the consumer: the log's start for {@code earliest}, its end for {@code latest}. A
   * committed offset beyond the end (read a moment apart from it, or a truncated log) counts as the
   * end: nothing to do.
   */
  public long position(boolean fromEarliest) {
    if (committed.isEmpty() || committed.getAsLong() < logStart) {
      return fromEarliest ? logStart : logEnd;
    }
    return Math.min(committed.getAsLong(), logEnd);
  }
}
