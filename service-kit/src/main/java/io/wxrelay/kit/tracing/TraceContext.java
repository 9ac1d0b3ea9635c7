package io.wxrelay.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * W3C Trace Context in CloudEvents' distributed-tracing extension: the {@code traceparent} and
 * {@code tracestate} attributes of an event, read as the parent of the spans that handle it, and
 * written from the span that produces one.
 */
public final class TraceContext {
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, ?>> EXTENSIONS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, ?> carrier) {
          return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, ?> carrier, String key) {
          return carrier != null && carrier.get(key) instanceof String value ? value : null;
        }
      };

  private TraceContext() {}

  /**
   * The context whose span is the one {@code extensions} name ({@code traceparent}); the root
   * context when they name none or a malformed one (the span handling it starts a trace).
   */
  public static Context parentOf(Map<String, ?> extensions) {
    return W3C.extract(Context.root(), extensions, EXTENSIONS);
  }

  /**
   * The extension attributes that make {@code context}'s span the parent of what an event causes;
   * empty when it has no valid span.
   */
  public static Map<String, Object> of(Context context) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    W3C.inject(context, extensions, (carrier, key, value) -> carrier.put(key, value));
    return extensions;
  }

  /**
   * What an event written now carries: the current span's context when there is one, else {@code
   * fallback} (what the event it follows carried: with tracing off the trace still goes on).
   */
  public static Map<String, Object> current(Map<String, Object> fallback) {
    return Span.current().getSpanContext().isValid() ? of(Context.current()) : fallback;
  }
}
