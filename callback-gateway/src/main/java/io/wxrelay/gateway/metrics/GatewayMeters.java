package io.wxrelay.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxrelay.kit.metrics.CataloguedMeter;
import io.wxrelay.kit.metrics.MeterDoc;
import java.time.Duration;
import java.util.List;
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

  /** Records the meters on a registry. */
  public static final class Recorder {
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Recorder(MeterRegistry registry) {
      this.registry = registry;
      registry.gauge(IN_FLIGHT.meterName(), inFlight);
    }

    public void callback(String appid, String type, String outcome) {
      CALLBACKS.counter(registry, "appid", appid, "type", type, "outcome", outcome).increment();
    }

    public void rejection(String reason) {
      REJECTIONS.counter(registry, "reason", reason).increment();
    }

    public void dedupe(String outcome) {
      DEDUPE.counter(registry, "outcome", outcome).increment();
    }

    public void ack(boolean ok, Duration took) {
      KAFKA_ACK.timer(registry, "outcome", ok ? "acked" : "failed").record(took);
    }

    public AtomicInteger inFlight() {
      return inFlight;
    }
  }
}
