package io.wxrelay.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {

  @Test
  void withoutAnEndpointNothingIsExportedAndTheServiceKeepsItsOwnName() {
    TracingSettings settings = TracingSettings.fromEnv(Env.of(Map.of()), "send-worker");

    assertThat(settings.endpoint()).isEmpty();
    assertThat(settings.tracesUrl()).isEmpty();
    assertThat(settings.serviceName()).isEqualTo("send-worker");
    assertThat(settings.sampler()).isEqualTo("parentbased_always_on");
    assertThat(settings.exportEvery()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void spansGoToTheEndpointsV1TracesAsOtlpHttpPrescribes() {
    TracingSettings settings =
        TracingSettings.fromEnv(
            Env.of(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
                    "OTEL_SERVICE_NAME", "worker-eu",
                    "OTEL_TRACES_SAMPLER", "ParentBased_TraceIdRatio",
                    "OTEL_TRACES_SAMPLER_ARG", "0.25",
                    "OTEL_BSP_SCHEDULE_DELAY", "200")),
            "send-worker");

    assertThat(settings.tracesUrl()).isEqualTo(Optional.of("http://collector:4318/v1/traces"));
    assertThat(settings.serviceName()).isEqualTo("worker-eu");
    assertThat(settings.sampler()).isEqualTo("parentbased_traceidratio");
    assertThat(settings.ratio()).isEqualTo(0.25);
    assertThat(settings.exportEvery()).isEqualTo(Duration.ofMillis(200));
    assertThat(Tracing.sampler(settings).getDescription()).startsWith("ParentBased");
  }

  @Test
  void anUnknownSamplerARatioOutOfRangeAndAnEndpointThatIsNoHttpUrlAreRefused() {
    assertThatThrownBy(() -> read(Map.of("OTEL_TRACES_SAMPLER", "jaeger_remote")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("OTEL_TRACES_SAMPLER: must be one of always_off, always_on");
    assertThatThrownBy(() -> read(Map.of("OTEL_TRACES_SAMPLER_ARG", "1.5")))
        .hasMessage("OTEL_TRACES_SAMPLER_ARG: must be between 0 and 1");
    assertThatThrownBy(() -> read(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "grpc://collector:4317")))
        .hasMessage("OTEL_EXPORTER_OTLP_ENDPOINT: must be a http or https URL with a host");
  }

  private static TracingSettings read(Map<String, String> env) {
    return TracingSettings.fromEnv(Env.of(env), "callback-gateway");
  }
}
