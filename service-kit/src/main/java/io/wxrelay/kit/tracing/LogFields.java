package io.wxrelay.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The fields a log line about a command or an event carries, in the logging context of the thread
 * that handles it (SLF4J's MDC, Log4j's ThreadContext): with {@code LOG_FORMAT=json} each is a
 * field of the line's ECS object. Opened when the handling starts, closed when it ends: the values
 * the thread had before come back (a worker thread handles one record after another).
 */
public final class LogFields implements AutoCloseable {
  /** The command's id (its CloudEvent id); no ECS field fits, so in wxrelay's own namespace. */
  public static final String COMMAND_ID = "wxrelay.command_id";

  /** The WeChat account (the event's subject). */
  public static final String APPID = "wxrelay.appid";

  /** ECS {@code event.id}: the id of the inbound event (a push) being handled. */
  public static final String EVENT_ID = "event.id";

  /** ECS {@code trace.id}: the W3C trace id, 32 hex digits. */
  public static final String TRACE_ID = "trace.id";

  /** ECS {@code span.id}: the span the line was logged in, 16 hex digits. */
  public static final String SPAN_ID = "span.id";

  private final Map<String, @Nullable String> before;

  private LogFields(Map<String, @Nullable String> before) {
    this.before = before;
  }

  /** Sets {@code fields} (those with a null value are left out) until {@link #close}. */
  public static LogFields set(Map<String, @Nullable String> fields) {
    Map<String, @Nullable String> before = new LinkedHashMap<>();
    fields.forEach(
        (name, value) -> {
          if (value != null) {
            before.put(name, MDC.get(name));
            MDC.put(name, value);
          }
        });
    return new LogFields(before);
  }

  /**
   * The fields of a handling in {@code span}: {@code idField} ({@link #COMMAND_ID} or {@link
   * #EVENT_ID}) with {@code id}, the appid, and the span's trace and span ids when it has them.
   */
  public static LogFields of(
      Span span, String idField, @Nullable String id, @Nullable String appid) {
    Map<String, @Nullable String> fields = new LinkedHashMap<>();
    fields.put(idField, id);
    fields.put(APPID, appid);
    SpanContext context = span.getSpanContext();
    if (context.isValid()) {
      fields.put(TRACE_ID, context.getTraceId());
      fields.put(SPAN_ID, context.getSpanId());
    }
    return set(fields);
  }

  @Override
  public void close() {
    before.forEach(
        (name, value) -> {
          if (value == null) {
            MDC.remove(name);
          } else {
            MDC.put(name, value);
          }
        });
  }
}
