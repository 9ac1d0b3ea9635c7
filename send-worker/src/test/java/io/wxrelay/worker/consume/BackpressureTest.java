package io.wxrelay.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BackpressureTest {
  private final TopicPartition p0 = new TopicPartition("commands", 0);
  private final TopicPartition p1 = new TopicPartition("commands", 1);
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final Map<TopicPartition, PartitionProgress> progress = new LinkedHashMap<>();
  private final Backpressure backpressure = new Backpressure(10, 3);

  BackpressureTest() {
    consumer.assign(List.of(p0, p1));
    progress.put(p0, new PartitionProgress());
    progress.put(p1, new PartitionProgress());
  }

  @Test
  void aBusyPartitionPausesAloneAndResumesWhenItsRecordsAreDone() {
    for (long offset = 0; offset < 3; offset++) {
      progress.get(p0).track(offset);
    }
    backpressure.apply(consumer, progress, 3);
    assertThat(consumer.paused()).containsExactly(p0);

    progress.get(p0).finished();
    backpressure.apply(consumer, progress, 2);
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void theEngineAtItsBoundPausesEveryPartition() {
    backpressure.apply(consumer, progress, 10);
    assertThat(consumer.paused()).containsExactlyInAnyOrder(p0, p1);
    backpressure.apply(consumer, progress, 9);
    assertThat(consumer.paused()).isEmpty();
  }
}
