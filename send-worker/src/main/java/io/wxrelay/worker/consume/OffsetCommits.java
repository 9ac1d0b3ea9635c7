package io.wxrelay.worker.consume;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits what each partition has done ({@link PartitionProgress#toCommit}): asynchronously every
 * commit interval while polling, synchronously when partitions are handed over. Lives on the
 * polling thread (an asynchronous commit's callback runs there too, inside {@code poll}).
 */
final class OffsetCommits {
  private static final Logger log = LoggerFactory.getLogger(OffsetCommits.class);

  private final String name;
  private final Consumer<?, ?> consumer;
  private final Map<TopicPartition, PartitionProgress> progress;
  private final Duration interval;
  private long lastNanos = System.nanoTime();

  OffsetCommits(
      String name,
      Consumer<?, ?> consumer,
      Map<TopicPartition, PartitionProgress> progress,
      Duration interval) {
    this.name = name;
    this.consumer = consumer;
    this.progress = progress;
    this.interval = interval;
  }

  /** Commits every partition's progress asynchronously, once an interval has passed. */
  void whenDue() {
    if (System.nanoTime() - lastNanos >= interval.toNanos()) {
      commit(progress.keySet(), false);
    }
  }

  /** Commits {@code partitions}' progress and waits for Kafka's answer. */
  void now(Collection<TopicPartition> partitions) {
    commit(partitions, true);
  }

  private void commit(Collection<TopicPartition> partitions, boolean sync) {
    lastNanos = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      PartitionProgress p = progress.get(tp);
      OptionalLong next = p == null ? OptionalLong.empty() : p.toCommit();
      if (next.isPresent()) {
        offsets.put(tp, new OffsetAndMetadata(next.getAsLong()));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> progress.get(tp).committed(o.offset()));
      return;
    }
    consumer.commitAsync(
        offsets,
        (done, error) -> {
          if (error != null) {
            log.warn("{}: commit failed ({}); the next one covers it", name, error.toString());
            return;
          }
          done.forEach(
              (tp, o) -> {
                PartitionProgress p = progress.get(tp);
                if (p != null) {
                  p.committed(o.offset());
                }
              });
        });
  }
}
