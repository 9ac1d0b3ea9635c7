package io.wxrelay.kit.tracing;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether and where a service sends its spans, from OpenTelemetry's standard variables (only those
 * below; the SDK's autoconfiguration is not used, decision 0027).
 *
 * @param endpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT}: the OTLP/HTTP receiver's base URL (spans go
 *     to its {@code /v1/traces}); unset, no span is exported and tracing costs next to nothing
 * @param serviceName {@code OTEL_SERVICE_NAME}, default the service's own name
 * @param sampler {@code OTEL_TRACES_SAMPLER}: {@code parentbased_always_on} (default), {@code
 *     parentbased_always_off}, {@code parentbased_traceidratio}, {@code always_on}, {@code
 *     always_off} or {@code traceidratio}
 * @param ratio {@code OTEL_TRACES_SAMPLER_ARG}, the share of traces a {@code traceidratio} sampler
 *     keeps, default 1.0
 * @param exportEvery {@code OTEL_BSP_SCHEDULE_DELAY} in milliseconds (the standard's unit), how
 *     long finished spans wait to go out in a batch, default 5000
 */
public record TracingSettings(
    Optional<URI> endpoint,
    String serviceName,
    String sampler,
    double ratio,
    Duration exportEvery) {

  public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  public static final String SAMPLER = "OTEL_TRACES_SAMPLER";

  /** The samplers {@code OTEL_TRACES_SAMPLER} may name. */
  public static final Set<String> SAMPLERS =
      Set.of(
          "always_on",
          "always_off",
          "traceidratio",
          "parentbased_always_on",
          "parentbased_always_off",
          "parentbased_traceidratio");

  /** No export: spans are not recorded, trace context is still carried. */
  public static TracingSettings off(String serviceName) {
    return new TracingSettings(
        Optional.empty(), serviceName, "parentbased_always_on", 1.0, Duration.ofSeconds(5));
  }

  /** The settings of a service whose own name is {@code defaultServiceName}. */
  public static TracingSettings fromEnv(Env env, String defaultServiceName) {
    Optional<URI> endpoint =
        env.optional(ENDPOINT).isPresent()
            ? Optional.of(env.uri(ENDPOINT, "http://127.0.0.1:4318", "http", "https"))
            : Optional.empty();
    String sampler = env.string(SAMPLER, "parentbased_always_on").toLowerCase(Locale.ROOT);
    if (!SAMPLERS.contains(sampler)) {
      throw new ConfigException(SAMPLER, "must be one of " + String.join(", ", sorted()));
    }
    return new TracingSettings(
        endpoint,
        env.string("OTEL_SERVICE_NAME", defaultServiceName),
        sampler,
        ratio(env),
        Duration.ofMillis(env.integer("OTEL_BSP_SCHEDULE_DELAY", 5000, 1, 600_000)));
  }

  private static double ratio(Env env) {
    String raw = env.string("OTEL_TRACES_SAMPLER_ARG", "1.0");
    double ratio;
    try {
      ratio = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException("OTEL_TRACES_SAMPLER_ARG", "must be a number, is '" + raw + "'");
    }
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new ConfigException("OTEL_TRACES_SAMPLER_ARG", "must be between 0 and 1");
    }
    return ratio;
  }

  private static Iterable<String> sorted() {
    return SAMPLERS.stream().sorted().toList();
  }

  /** Where spans are sent: the endpoint's {@code /v1/traces}, as OTLP/HTTP prescribes. */
  public Optional<String> tracesUrl() {
    return endpoint.map(
        base -> {
          String text = base.toString();
          return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/v1/traces";
        });
  }
}
