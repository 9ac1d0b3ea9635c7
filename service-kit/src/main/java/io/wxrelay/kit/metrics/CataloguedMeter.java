package io.wxrelay.kit.metrics;

/**
 * A member of a service's meter catalogue (an enum, CONVENTIONS.md §6): its {@link MeterDoc} and
 * the names derived from it.
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
}
