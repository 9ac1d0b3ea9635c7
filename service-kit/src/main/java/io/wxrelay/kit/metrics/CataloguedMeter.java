package io.wxrelay.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * A member of a service's meter catalogue (an enum, docs/architecture.md, convention 6): its {@link
 * MeterDoc}, the names derived from it, and the meter itself on a registry, so every service builds
 * its meters the same way.
 */
public interface CataloguedMeter {
  MeterDoc doc();

  default String meterName() {
    return doc().name();
  }

  default String description() {
    return doc().description();
  }

  /** The name Prometheus shows, e.g. {@code wxrelay_token_refreshes_total}. */
  default String prometheusName() {
    return doc().prometheusName();
  }

  /** This counter with {@code tags} (key, value, ...), registered on first use. */
  default Counter counter(MeterRegistry registry, String... tags) {
    return Counter.builder(meterName()).description(description()).tags(tags).register(registry);
  }

  /** This timer with {@code tags}, with a percentile histogram for Prometheus quantiles. */
  default Timer timer(MeterRegistry registry, String... tags) {
    return Timer.builder(meterName())
        .description(description())
        .tags(tags)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** This gauge with {@code tags}, read from {@code value} at scrape time (held strongly). */
  default Gauge gauge(MeterRegistry registry, Supplier<Number> value, String... tags) {
    return Gauge.builder(meterName(), value)
        .description(description())
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }
}
