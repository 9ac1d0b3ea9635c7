package io.wxrelay.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.wxrelay.kit.config.Env;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final Map<String, Object> COMMAND =
      Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01", "tracestate", "crm=7");

  /** Keeps what it is given, as a receiver would. */
  private static final class Received implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void withoutAnEndpointNothingIsRecordedAndTheCommandsTraceContextGoesOnAsItCame() {
    Tracing tracing = Tracing.start(TracingSettings.fromEnv(Env.of(Map.of()), "send-worker"));

    Span span =
        tracing
            .tracer()
            .spanBuilder("consume")
            .setParent(TraceContext.parentOf(COMMAND))
            .startSpan();

    assertThat(tracing.exporting()).isFalse();
    assertThat(span.isRecording()).isFalse();
    try (Scope ignored = span.makeCurrent()) {
      assertThat(TraceContext.current(Map.of())).isEqualTo(COMMAND);
    }
    span.end();
    tracing.close();
  }

  @Test
  void aSpanOfACommandContinuesItsTraceUnderTheSpanItsTraceparentNames() {
    Received received = new Received();
    Tracing tracing = Tracing.start(settings(Duration.ofMillis(10)), received);

    Span consume =
        tracing
            .tracer()
            .spanBuilder("consume")
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(TraceContext.parentOf(COMMAND))
            .startSpan();
    Map<String, Object> written;
    try (Scope ignored = consume.makeCurrent()) {
      Spans.within(tracing.tracer().spanBuilder("claim").startSpan(), () -> "granted");
      written = TraceContext.current(COMMAND);
    }
    consume.end();

    await().atMost(Duration.ofSeconds(5)).until(() -> received.spans.size() == 2);
    SpanData claim = byName(received, "claim");
    SpanData consumed = byName(received, "consume");
    assertThat(consumed.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(consumed.getParentSpanId()).isEqualTo(PARENT_ID);
    assertThat(consumed.getParentSpanContext().isRemote()).isTrue();
    assertThat(consumed.getSpanContext().getTraceState().get("crm")).isEqualTo("7");
    assertThat(claim.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(claim.getParentSpanId()).isEqualTo(consumed.getSpanId());
    assertThat(written)
        .containsEntry("traceparent", "00-" + TRACE_ID + "-" + consumed.getSpanId() + "-01")
        .containsEntry("tracestate", "crm=7");
    assertThat(consumed.getResource().getAttributes().asMap().toString())
        .contains("service.name=send-worker");
    tracing.close();
  }

  @Test
  void aStepThatThrowsEndsItsSpanWithStatusErrorAndTheFailuresClassOnly() {
    Received received = new Received();
    Tracing tracing = Tracing.start(settings(Duration.ofMillis(10)), received);

    try {
      Spans.within(
          tracing.tracer().spanBuilder("token").startSpan(),
          () -> {
            throw new IllegalStateException("token abc123 refused");
          });
    } catch (IllegalStateException expected) {
      // the step's own failure goes on
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> received.spans.size() == 1);
    SpanData token = received.spans.getFirst();
    assertThat(token.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(token.getAttributes().get(Spans.ERROR_TYPE))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(token.toString()).doesNotContain("abc123");
    tracing.close();
  }

  @Test
  void closingSendsTheSpansStillWaitingForTheirBatch() {
    Received received = new Received();
    Tracing tracing = Tracing.start(settings(Duration.ofMinutes(10)), received);

    tracing.tracer().spanBuilder("result").setParent(Context.root()).startSpan().end();
    assertThat(received.spans).isEmpty();
    tracing.close();

    assertThat(received.spans).extracting(SpanData::getName).containsExactly("result");
  }

  @Test
  void anEventWithoutTraceContextStartsATraceAndOneWithAGarbledOneToo() {
    assertThat(Span.fromContext(TraceContext.parentOf(Map.of())).getSpanContext().isValid())
        .isFalse();
    assertThat(
            Span.fromContext(TraceContext.parentOf(Map.of("traceparent", "00-nonsense-01")))
                .getSpanContext()
                .isValid())
        .isFalse();
    assertThat(TraceContext.of(Context.root())).isEmpty();
  }

  private static TracingSettings settings(Duration exportEvery) {
    return new TracingSettings(
        java.util.Optional.empty(), "send-worker", "parentbased_always_on", 1.0, exportEvery);
  }

  private static SpanData byName(Received received, String name) {
    return received.spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }
}
