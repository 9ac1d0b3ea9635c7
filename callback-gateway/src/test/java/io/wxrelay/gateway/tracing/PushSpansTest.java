package io.wxrelay.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.TextMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushSpansTest {
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final PushSpans spans = new PushSpans(provider.get("test"), "wechat.events");

  @Test
  void aPushIsReceivedVerifiedAndPublishedInOneTraceThatItsEventCarriesOn() {
    Span receive = spans.receive("POST", "wx0123456789abcdef");
    CloudEvent<?> event;
    try (Scope ignored = receive.makeCurrent()) {
      spans.verify(() -> "fields");
      Span publish = spans.publish(text());
      event = PushSpans.carrying(text(), publish);
      PushSpans.published(publish, 200, null);
    }
    PushSpans.answered(receive, 200, null, null);

    SpanData received = named("receive");
    SpanData published = named("publish");
    assertThat(received.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(received.getParentSpanContext().isValid()).isFalse();
    assertThat(named("verify").getParentSpanId()).isEqualTo(received.getSpanId());
    assertThat(published.getParentSpanId()).isEqualTo(received.getSpanId());
    assertThat(published.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(published.getAttributes().asMap().toString())
        .contains("messaging.destination.name=wechat.events", "messaging.message.id=ev-1");
    // the flags: sampled, and (W3C Trace Context level 2) a random trace id
    assertThat((String) event.extensions().get("traceparent"))
        .startsWith("00-" + received.getTraceId() + "-" + published.getSpanId() + "-0");
  }

  @Test
  void aRefusedPushIsNoServerErrorButA503IsAndAFailedCheckMarksVerify() {
    Span refused = spans.receive("POST", "wx0123456789abcdef");
    try (Scope ignored = refused.makeCurrent()) {
      assertThatThrownBy(
              () ->
                  spans.verify(
                      () -> {
                        throw new IllegalArgumentException("bad signature");
                      }))
          .isInstanceOf(IllegalArgumentException.class);
    }
    PushSpans.answered(refused, 401, "bad_signature", null);
    PushSpans.answered(spans.receive("POST", "wx0123456789abcdef"), 503, null, null);

    assertThat(named("verify").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    SpanData first = exported.getFinishedSpanItems().get(1);
    SpanData second = exported.getFinishedSpanItems().get(2);
    assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(first.getAttributes().asMap().toString())
        .contains("wxrelay.rejection=bad_signature", "http.response.status_code=401");
    assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void withTracingOffAnEventCarriesNoTraceContext() {
    PushSpans off = PushSpans.off();
    Span receive = off.receive("POST", "wx0123456789abcdef");
    try (Scope ignored = receive.makeCurrent()) {
      assertThat(PushSpans.carrying(text(), off.publish(text())).extensions()).isEmpty();
    }
  }

  private static CloudEvent<TextMessage> text() {
    return CloudEvent.of(
        EventType.MESSAGE_TEXT,
        "ev-1",
        "/wxrelay/callback-gateway",
        "wx0123456789abcdef",
        Instant.now(),
        new TextMessage("gh_account", "oUser", 1L, "m1", "hello", null, null));
  }

  private SpanData named(String name) {
    return exported.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
