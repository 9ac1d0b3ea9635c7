package io.wxrelay.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one line while a command is handled, and one after: {@link JsonLogLineTest}'s child. */
public final class LogLineMain {
  static final String MESSAGE = "handling the command";
  static final String AFTER = "done with it";
  static final String COMMAND_ID = "cmd-42";
  static final String APPID = "wx0123456789abcdef";
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";

  private LogLineMain() {}

  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger(LogLineMain.class);
    Span span =
        Span.wrap(
            SpanContext.create(
                TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
    try (LogFields fields = LogFields.of(span, LogFields.COMMAND_ID, COMMAND_ID, APPID)) {
      log.info(MESSAGE);
    }
    log.info(AFTER);
  }
}
