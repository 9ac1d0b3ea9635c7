package io.wxrelay.token.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Records {@link TokenMeters} on a registry. Tag values are bounded by construction. An account's
 * meters carry {@code held}: what the refresher holds ({@value #ACCESS_TOKEN}, or a ticket type's
 * {@code held} name), so tickets share the token's meters and alarms.
 */
public final class TokenMetrics {
  /** The {@code held} tag of the access token's meters. */
  public static final String ACCESS_TOKEN = "access_token";

  private final MeterRegistry registry;
  private final String held;

  public TokenMetrics(MeterRegistry registry) {
    this(registry, ACCESS_TOKEN);
  }

  private TokenMetrics(MeterRegistry registry, String held) {
    this.registry = registry;
    this.held = held;
  }

  /** The same registry, the account meters tagged {@code held} (e.g. {@code jsapi_ticket}). */
  public TokenMetrics holding(String held) {
    return new TokenMetrics(registry, held);
  }

  public void refresh(String appid, String reason, String outcome) {
    TokenMeters.REFRESHES
        .counter(registry, "appid", appid, "held", held, "reason", reason, "outcome", outcome)
        .increment();
  }

  public void foreignRotation(String appid) {
    TokenMeters.FOREIGN_ROTATIONS.counter(registry, "appid", appid, "held", held).increment();
  }

  public void lock(String appid, boolean acquired) {
    TokenMeters.LOCK
        .counter(registry, "appid", appid, "held", held, "outcome", acquired ? "acquired" : "busy")
        .increment();
  }

  public void upstream(String appid, String endpoint, String outcome, Duration took) {
    TokenMeters.UPSTREAM
        .timer(registry, "appid", appid, "held", held, "endpoint", endpoint, "outcome", outcome)
        .record(took);
  }

  /** An invalidate request of an HTTP API client: accepted, limited or refused. */
  public void apiInvalidation(String client, String appid, String outcome) {
    TokenMeters.API_INVALIDATIONS
        .counter(registry, "client", client, "appid", appid, "outcome", outcome)
        .increment();
  }

  /** An HTTP API request refused with {@code status} (401 or 403); client "unknown" for 401. */
  public void apiDenial(String client, int status) {
    apiDenials(client, status).increment();
  }

  /** Registers the HTTP API's denial counters of {@code clients} (and of unknown) at zero. */
  public void registerApi(Iterable<String> clients) {
    apiDenials("unknown", 401);
    clients.forEach(client -> apiDenials(client, 403));
  }

  private Counter apiDenials(String client, int status) {
    return TokenMeters.API_DENIALS.counter(
        registry, "client", client, "status", Integer.toString(status));
  }

  /**
   * Registers an account's meters: its gauges, read from {@code state} at scrape time, and its
   * alarm counter at zero (an alert on the counter's increase needs the zero before the first
   * alarm, and a restarted replica must not leave Prometheus reading its predecessor's value).
   */
  public void register(String appid, Supplier<AppGauges> state) {
    TokenMeters.FOREIGN_ROTATIONS.counter(registry, "appid", appid, "held", held);
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
        .tag("held", held)
        .baseUnit(meter == TokenMeters.REMAINING ? "seconds" : null)
        .register(registry);
  }
}
