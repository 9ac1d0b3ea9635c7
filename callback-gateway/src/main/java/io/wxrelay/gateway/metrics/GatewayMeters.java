package io.wxrelay.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wxrelay.kit.metrics.CataloguedMeter;
import io.wxrelay.kit.metrics.MeterDoc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Every meter of callback-gateway (docs/architecture.md, convention 6); tags are bounded. */
public enum GatewayMeters implements CataloguedMeter {
  CALLBACKS(
      "wxrelay.gateway.callbacks",
      "counter",
      List.of("appid", "type", "outcome"),
      "Pushes by account, CloudEvents type and outcome (published, duplicate, failed)."),
  REJECTIONS(
      "wxrelay.gateway.rejections",
      "counter",
      List.of("reason"),
      "Refused requests (4xx) by a stable reason: bad_signature, stale_timestamp, bad_padding, bad_xml, ..."),
  KAFKA_ACK(
      "wxrelay.gateway.kafka.ack",
      "timer",
      List.of("outcome"),
      "Time from publish to Kafka's acknowledgement (acks=all), or to the failure."),
  DEDUPE(
      "wxrelay.gateway.dedupe",
      "counter",
      List.of("outcome"),
      "Dedupe checks: claimed, done (published before: acknowledged, not published again), pending, unavailable (Redis down: published anyway)."),
  IN_FLIGHT("wxrelay.gateway.in.flight", "gauge", List.of(), "Pushes waiting for Kafka.");

  private final MeterDoc doc;

  GatewayMeters(String name, String type, List<String> tags, String description) {
    this.doc = new MeterDoc(name, type, tags, description);
  }

  @Override
  public MeterDoc doc() {
    return doc;
  }

  /** The table of docs/metrics.md's section for this service. */
  public static String markdown() {
    return MeterDoc.markdown(java.util.Arrays.stream(values()).map(m -> m.doc).toList());
  }

  /**
   * Records the meters on a registry. Each meter is looked up once per tag set and kept: building a
   * meter's id on every push (tags sorted, the registry's map searched) cost more than counting.
   * Tags are bounded (accounts are configured, types and outcomes are fixed), so the caches are
   * too.
   */
  public static final class Recorder {
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<List<String>, Counter> callbacks = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Map<String, Counter> dedupes = new ConcurrentHashMap<>();
    private final Timer acked;
    private final Timer failed;

    public Recorder(MeterRegistry registry) {
      this.registry = registry;
      registry.gauge(IN_FLIGHT.meterName(), inFlight);
      this.acked = KAFKA_ACK.timer(registry, "outcome", "acked");
      this.failed = KAFKA_ACK.timer(registry, "outcome", "failed");
    }

    public void callback(String appid, String type, String outcome) {
      callbacks
          .computeIfAbsent(
              List.of(appid, type, outcome),
              k -> CALLBACKS.counter(registry, "appid", appid, "type", type, "outcome", outcome))
          .increment();
    }

    public void rejection(String reason) {
      rejections
          .computeIfAbsent(reason, r -> REJECTIONS.counter(registry, "reason", r))
          .increment();
    }

    public void dedupe(String outcome) {
      dedupes.computeIfAbsent(outcome, o -> DEDUPE.counter(registry, "outcome", o)).increment();
    }

    public void ack(boolean ok, Duration took) {
      (ok ? acked : failed).record(took);
    }

    public AtomicInteger inFlight() {
      return inFlight;
    }
  }
}
