package io.wxrelay.token.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** Records {@link TokenMeters} on a registry. Tag values are bounded by construction. */
public final class TokenMetrics {
  private final MeterRegistry registry;

  public TokenMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void refresh(String appid, String reason, String outcome) {
    TokenMeters.REFRESHES
        .counter(registry, "appid", appid, "reason", reason, "outcome", outcome)
        .increment();
  }

  public void foreignRotation(String appid) {
    TokenMeters.FOREIGN_ROTATIONS.counter(registry, "appid", appid).increment();
  }

  public void lock(String appid, boolean acquired) {
    TokenMeters.LOCK
        .counter(registry, "appid", appid, "outcome", acquired ? "acquired" : "busy")
        .increment();
  }

  public void upstream(String appid, String endpoint, String outcome, Duration took) {
    TokenMeters.UPSTREAM
        .timer(registry, "appid", appid, "endpoint", endpoint, "outcome", outcome)
        .record(took);
  }

  /**
   * Registers an account's meters: its gauges, read from {@code state} at scrape time, and its
   * alarm counter at zero (an alert on the counter's increase needs the zero before the first
   * alarm, and a restarted replica must not leave Prometheus reading its predecessor's value).
   */
  public void register(String appid, Supplier<AppGauges> state) {
    TokenMeters.FOREIGN_ROTATIONS.counter(registry, "appid", appid);
    gauge(TokenMeters.REMAINING, appid, () -> state.get().remainingSeconds());
    gauge(TokenMeters.GENERATION, appid, () -> state.get().generation());
    gauge(TokenMeters.FORCE_BUDGET, appid, () -> state.get().forceBudgetLeft());
    gauge(TokenMeters.APP_READY, appid, () -> state.get().ready() ? 1 : 0);
  }

  /** What the gauges of one app show. */
  public record AppGauges(
      double remainingSeconds, long generation, int forceBudgetLeft, boolean ready) {}

  private void gauge(TokenMeters meter, String appid, Supplier<Number> value) {
    Gauge.builder(meter.meterName(), value)
        .description(meter.description())
        .tag("appid", appid)
        .baseUnit(meter == TokenMeters.REMAINING ? "seconds" : null)
        .register(registry);
  }
}
