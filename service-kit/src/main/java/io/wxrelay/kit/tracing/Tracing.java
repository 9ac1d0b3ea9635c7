package io.wxrelay.kit.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's tracer: an OpenTelemetry SDK that batches its spans to an OTLP/HTTP receiver, or,
 * without an endpoint, OpenTelemetry's no-op (spans cost nothing and record nothing, and a
 * command's trace context still travels from the command to its result). Each service makes its own
 * (no global instance: tests run several services in one JVM); {@link #close} sends what is left,
 * so register it with the service's lifecycle before the parts that make spans.
 */
public final class Tracing implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Tracing.class);

  /** The instrumentation scope of every wxrelay span. */
  public static final String SCOPE = "io.wxrelay";

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final OpenTelemetry openTelemetry;
  private final @Nullable SdkTracerProvider provider;
  private final Tracer tracer;

  private Tracing(OpenTelemetry openTelemetry, @Nullable SdkTracerProvider provider) {
    this.openTelemetry = openTelemetry;
    this.provider = provider;
    this.tracer = openTelemetry.getTracer(SCOPE);
  }

  /** Tracing that records nothing. */
  public static Tracing off() {
    return new Tracing(OpenTelemetry.noop(), null);
  }

  /** Exporting spans as {@code settings} say, or {@link #off()} when they name no endpoint. */
  public static Tracing start(TracingSettings settings) {
    if (settings.tracesUrl().isEmpty()) {
      return off();
    }
    Tracing tracing =
        start(
            settings,
            OtlpHttpSpanExporter.builder().setEndpoint(settings.tracesUrl().get()).build());
    log.info(
        "{}: spans go to {} over OTLP/HTTP ({})",
        settings.serviceName(),
        describe(settings.endpoint().orElseThrow()),
        settings.sampler());
    return tracing;
  }

  /** Exporting spans to {@code exporter}, in batches as {@code settings} say. */
  static Tracing start(TracingSettings settings, SpanExporter exporter) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.create(Attributes.of(SERVICE_NAME, settings.serviceName()))))
            .setSampler(sampler(settings))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter)
                    .setScheduleDelay(settings.exportEvery())
                    .build())
            .build();
    return new Tracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build(), provider);
  }

  /** The sampler {@code settings} name. */
  static Sampler sampler(TracingSettings settings) {
    return switch (settings.sampler()) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(settings.ratio());
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" ->
          Sampler.parentBased(Sampler.traceIdRatioBased(settings.ratio()));
      default -> Sampler.parentBased(Sampler.alwaysOn());
    };
  }

  /** Scheme, host and port: a URL's user part is never logged. */
  private static String describe(URI endpoint) {
    return endpoint.getScheme()
        + "://"
        + endpoint.getHost()
        + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
  }

  /** The tracer every span of this service starts from. */
  public Tracer tracer() {
    return tracer;
  }

  /** Whether spans are recorded and exported (an endpoint is set). */
  public boolean exporting() {
    return provider != null;
  }

  /** Sends the spans not sent yet (waiting up to 5 s), then stops exporting. */
  @Override
  public void close() {
    if (provider != null) {
      provider.forceFlush().join(5, TimeUnit.SECONDS);
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
