package io.wxrelay.worker.lag;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.wxrelay.worker.metrics.WorkerMeters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The lag gauges ({@link WorkerMeters#GROUP_LAG}, {@link WorkerMeters#GROUP_OLDEST_AGE}) and the
 * error counter. Each {@link #show} replaces the set of series: a partition no longer read (its
 * topic deleted, its group no longer watched) stops being exported instead of keeping its last
 * value forever.
 */
final class LagGauges {
  private final MeterRegistry registry;
  private final MultiGauge records;
  private final MultiGauge ages;
  private volatile Map<Series, PartitionLag> current = Map.of();

  private record Series(String group, TopicPartition partition) {
    Tags tags() {
      return Tags.of(
          "group",
          group,
          "topic",
          partition.topic(),
          "partition",
          Integer.toString(partition.partition()));
    }
  }

  /** The gauges on {@code registry}, and each of {@code groups}' error counter at 0. */
  LagGauges(MeterRegistry registry, List<WatchedGroup> groups) {
    this.registry = registry;
    this.records = multiGauge(WorkerMeters.GROUP_LAG, null);
    this.ages = multiGauge(WorkerMeters.GROUP_OLDEST_AGE, "seconds");
    groups.forEach(g -> WorkerMeters.GROUP_LAG_ERRORS.counter(registry, "group", g.groupId()));
  }

  /** Exports exactly the partitions of {@code byGroup} (group → its partitions' lag). */
  void show(Map<String, List<PartitionLag>> byGroup) {
    Map<Series, PartitionLag> next = new HashMap<>();
    byGroup.forEach(
        (group, lags) -> lags.forEach(l -> next.put(new Series(group, l.partition()), l)));
    current = Map.copyOf(next);
    List<MultiGauge.Row<?>> recordRows = new ArrayList<>();
    List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
    next.forEach(
        (series, lag) -> {
          recordRows.add(row(series, lag, l -> (double) l.records()));
          lag.oldestAgeSeconds()
              .ifPresent(
                  age ->
                      ageRows.add(row(series, lag, l -> l.oldestAgeSeconds().orElse(Double.NaN))));
        });
    // Not overwritten: a series registered before keeps its gauge, which reads `current`.
    records.register(recordRows, false);
    ages.register(ageRows, false);
  }

  /** A read of {@code group} failed. */
  void failed(String group) {
    WorkerMeters.GROUP_LAG_ERRORS.counter(registry, "group", group).increment();
  }

  /**
   * A series that reads its value from the latest {@link #show}, or from {@code first} in the
   * moment between a show and the removal of a series it no longer has.
   */
  private MultiGauge.Row<?> row(
      Series series, PartitionLag first, Function<PartitionLag, Double> value) {
    return MultiGauge.Row.of(series.tags(), () -> value.apply(current.getOrDefault(series, first)));
  }

  private MultiGauge multiGauge(WorkerMeters meter, @Nullable String unit) {
    return MultiGauge.builder(meter.meterName())
        .description(meter.description())
        .baseUnit(unit)
        .register(registry);
  }
}
