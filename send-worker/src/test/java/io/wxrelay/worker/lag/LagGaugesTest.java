package io.wxrelay.worker.lag;

import static io.wxrelay.worker.lag.LagScanTest.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.worker.metrics.WorkerMeters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LagGaugesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LagGauges gauges =
      new LagGauges(registry, List.of(WatchedGroup.of("workers", List.of("c"), "earliest")));

  @Test
  void eachPartitionIsASeriesOfLagAndAgeInSeconds() {
    show(new PartitionLag(tp("c", 2), 42, Optional.of(Duration.ofMillis(90_500))));

    assertThat(lag("workers", "c", "2")).isEqualTo(42.0);
    assertThat(age("workers", "c", "2")).isEqualTo(90.5);
    assertThat(
            registry.get(WorkerMeters.GROUP_OLDEST_AGE.meterName()).gauge().getId().getBaseUnit())
        .isEqualTo("seconds");
  }

  @Test
  void aLaterShowUpdatesTheSeriesAndDropsThePartitionsItNoLongerHas() {
    show(lagOf(0, 5, 1), lagOf(1, 7, 2));

    show(lagOf(0, 9, 4));

    assertThat(lag("workers", "c", "0")).isEqualTo(9.0);
    assertThat(age("workers", "c", "0")).isEqualTo(4.0);
    assertThat(registry.find(WorkerMeters.GROUP_LAG.meterName()).tag("partition", "1").gauge())
        .isNull();
    assertThat(
            registry.find(WorkerMeters.GROUP_OLDEST_AGE.meterName()).tag("partition", "1").gauge())
        .isNull();
  }

  @Test
  void anUnknownAgeIsNoAgeSeriesWhileTheLagIsShown() {
    show(new PartitionLag(tp("c", 0), 3, Optional.empty()));

    assertThat(lag("workers", "c", "0")).isEqualTo(3.0);
    assertThat(registry.find(WorkerMeters.GROUP_OLDEST_AGE.meterName()).gauges()).isEmpty();
  }

  @Test
  void failuresAreCountedPerGroupFromZero() {
    assertThat(registry.get(WorkerMeters.GROUP_LAG_ERRORS.meterName()).counter().count()).isZero();

    gauges.failed("workers");

    assertThat(
            registry
                .get(WorkerMeters.GROUP_LAG_ERRORS.meterName())
                .tag("group", "workers")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  private void show(PartitionLag... lags) {
    gauges.show(Map.of("workers", List.of(lags)));
  }

  private static PartitionLag lagOf(int partition, long records, long ageSeconds) {
    return new PartitionLag(
        tp("c", partition), records, Optional.of(Duration.ofSeconds(ageSeconds)));
  }

  private double lag(String group, String topic, String partition) {
    return gauge(WorkerMeters.GROUP_LAG, group, topic, partition).value();
  }

  private double age(String group, String topic, String partition) {
    return gauge(WorkerMeters.GROUP_OLDEST_AGE, group, topic, partition).value();
  }

  private Gauge gauge(WorkerMeters meter, String group, String topic, String partition) {
    return registry
        .get(meter.meterName())
        .tags("group", group, "topic", topic, "partition", partition)
        .gauge();
  }
}
