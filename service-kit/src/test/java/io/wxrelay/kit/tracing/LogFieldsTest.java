package io.wxrelay.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogFieldsTest {
  private static final Span SPAN =
      Span.wrap(
          SpanContext.create(
              "4bf92f3577b34da6a3ce929d0e0e4736",
              "00f067aa0ba902b7",
              TraceFlags.getSampled(),
              TraceState.getDefault()));

  @Test
  void aHandlingsFieldsAreSetWhileItRunsAndTheThreadsEarlierOnesComeBackAfter() {
    MDC.put(LogFields.APPID, "wx-earlier");
    try (LogFields fields = LogFields.of(SPAN, LogFields.COMMAND_ID, "cmd-1", "wx-now")) {
      assertThat(MDC.get(LogFields.COMMAND_ID)).isEqualTo("cmd-1");
      assertThat(MDC.get(LogFields.APPID)).isEqualTo("wx-now");
      assertThat(MDC.get(LogFields.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(MDC.get(LogFields.SPAN_ID)).isEqualTo("00f067aa0ba902b7");
    }
    assertThat(MDC.get(LogFields.APPID)).isEqualTo("wx-earlier");
    assertThat(MDC.get(LogFields.COMMAND_ID)).isNull();
    assertThat(MDC.get(LogFields.TRACE_ID)).isNull();
    MDC.clear();
  }

  @Test
  void withoutATraceOrAnIdOnlyWhatIsKnownIsSet() {
    try (LogFields fields = LogFields.of(Span.getInvalid(), LogFields.EVENT_ID, null, "wx1")) {
      assertThat(MDC.getCopyOfContextMap())
          .containsOnlyKeys(LogFields.APPID)
          .containsEntry(LogFields.APPID, "wx1");
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }
}
