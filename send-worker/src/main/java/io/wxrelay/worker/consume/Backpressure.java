package io.wxrelay.worker.consume;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions the consumer fetches: all of them while records in flight stay under the
 * engine's bound, none at the bound, and never one whose own records in flight reached the
 * per-partition bound. Lives on the polling thread.
 */
final class Backpressure {
  private final int maxInFlight;
  private final int maxInFlightPerPartition;
  private final Set<TopicPartition> paused = new HashSet<>();

  Backpressure(int maxInFlight, int maxInFlightPerPartition) {
    this.maxInFlight = maxInFlight;
    this.maxInFlightPerPartition = maxInFlightPerPartition;
  }

  /** Pauses and resumes {@code consumer}'s partitions for {@code inFlight} records in all. */
  void apply(
      Consumer<?, ?> consumer, Map<TopicPartition, PartitionProgress> progress, int inFlight) {
    boolean full = inFlight >= maxInFlight;
    Set<TopicPartition> want = new HashSet<>();
    progress.forEach(
        (tp, p) -> {
          if (full || p.inFlight >= maxInFlightPerPartition) {
            want.add(tp);
          }
        });
    Set<TopicPartition> toPause = new HashSet<>(want);
    toPause.removeAll(paused);
    Set<TopicPartition> toResume = new HashSet<>(paused);
    toResume.removeAll(want);
    toResume.retainAll(progress.keySet());
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
    paused.clear();
    paused.addAll(want);
  }

  /** {@code tp} is no longer ours. */
  void forget(TopicPartition tp) {
    paused.remove(tp);
  }
}
