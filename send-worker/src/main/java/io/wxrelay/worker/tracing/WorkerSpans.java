package io.wxrelay.worker.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.wxrelay.kit.tracing.LogFields;
import io.wxrelay.kit.tracing.SpanAttributes;
import io.wxrelay.kit.tracing.Spans;
import io.wxrelay.kit.tracing.TraceContext;
import io.wxrelay.kit.tracing.Tracing;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.worker.consume.InboundRecord;
import org.jspecify.annotations.Nullable;

/**
 * The spans a record's handling is made of, on the thread that handles it: {@code consume} around
 * the whole handling (its parent the span the record's {@code traceparent} names, its log fields
 * set for every line logged meanwhile), and {@code result} or {@code park} around how it ends.
 */
public final class WorkerSpans {
  static final AttributeKey<String> PARTITION =
      AttributeKey.stringKey("messaging.destination.partition.id");
  static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");

  private final Tracer tracer;

  public WorkerSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Spans that record nothing (tests, and a worker without an OTLP endpoint is the same). */
  public static WorkerSpans off() {
    return new WorkerSpans(Tracing.off().tracer());
  }

  /** The part of a handling run in a span. */
  @FunctionalInterface
  public interface Handling {
    void run() throws InterruptedException;
  }

  /**
   * Handles {@code event}, from {@code record}, in a {@code consume} span continuing the event's
   * trace; the log fields name it by {@code idField} ({@link LogFields#COMMAND_ID} or {@link
   * LogFields#EVENT_ID}).
   */
  public void consume(CloudEvent<?> event, InboundRecord record, String idField, Handling handling)
      throws InterruptedException {
    Span span =
        tracer
            .spanBuilder("consume")
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(TraceContext.parentOf(event.extensions()))
            .setAttribute(SpanAttributes.MESSAGING_SYSTEM, "kafka")
            .setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, "process")
            .setAttribute(SpanAttributes.MESSAGING_DESTINATION, record.topic())
            .setAttribute(PARTITION, Integer.toString(record.partition()))
            .setAttribute(OFFSET, record.offset())
            .setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, event.id())
            .setAttribute(SpanAttributes.CLOUDEVENTS_TYPE, event.type())
            .setAttribute(SpanAttributes.APPID, event.subject())
            .startSpan();
    try (LogFields fields = LogFields.of(span, idField, event.id(), event.subject())) {
      Spans.run(span, handling::run);
    }
  }

  /**
   * A command's end written out in span {@code name} ({@code result}, {@code park}): {@code
   * outcome} is its status ({@code succeeded}, {@code replayed}, {@code parked}, ...).
   */
  public void end(String name, @Nullable String commandId, String outcome, Handling write)
      throws InterruptedException {
    SpanBuilder builder =
        tracer
            .spanBuilder(name)
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute(SpanAttributes.MESSAGING_SYSTEM, "kafka")
            .setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, "send")
            .setAttribute(SpanAttributes.OUTCOME, outcome);
    if (commandId != null) {
      builder.setAttribute(SpanAttributes.COMMAND_ID, commandId);
    }
    Span span = builder.startSpan();
    Spans.run(span, write::run);
  }
}
