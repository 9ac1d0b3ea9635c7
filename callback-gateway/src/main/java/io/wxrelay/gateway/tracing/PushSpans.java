package io.wxrelay.gateway.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.wxrelay.kit.tracing.SpanAttributes;
import io.wxrelay.kit.tracing.Spans;
import io.wxrelay.kit.tracing.TraceContext;
import io.wxrelay.kit.tracing.Tracing;
import io.wxrelay.schemas.CloudEvent;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The spans of one push. {@code receive} is a server span from the request to the answer (status
 * ERROR for a 5xx only: a refused push is the client's error, its reason the {@code
 * wxrelay.rejection} attribute); {@code verify} and {@code publish} are its children, {@code
 * publish} a producer span that ends with Kafka's ack (or the dedupe's answer), which may come
 * after the push was answered.
 */
public final class PushSpans {
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> REJECTION = AttributeKey.stringKey("wxrelay.rejection");

  private final Tracer tracer;
  private final String topic;

  /** {@code topic}: where events are published ({@code wechat.events} by default). */
  public PushSpans(Tracer tracer, String topic) {
    this.tracer = tracer;
    this.topic = topic;
  }

  /** Spans that record nothing. */
  public static PushSpans off() {
    return new PushSpans(Tracing.off().tracer(), "");
  }

  /** A push to {@code /wechat/<appid>} arrives; make it current while it is read and checked. */
  public Span receive(String method, String appid) {
    return tracer
        .spanBuilder("receive")
        .setSpanKind(SpanKind.SERVER)
        .setParent(Context.root())
        .setAttribute(SpanAttributes.HTTP_METHOD, method)
        .setAttribute(ROUTE, "/wechat/{appid}")
        .setAttribute(SpanAttributes.URL_PATH, "/wechat/" + appid)
        .setAttribute(SpanAttributes.APPID, appid)
        .startSpan();
  }

  /** The push was answered {@code status} ({@code reason}: a refusal's), or failed. */
  public static void answered(
      Span receive, int status, @Nullable String reason, @Nullable Throwable error) {
    if (error != null) {
      Spans.failed(receive, error.getClass().getName());
    } else {
      receive.setAttribute(SpanAttributes.HTTP_STATUS, (long) status);
      if (reason != null) {
        receive.setAttribute(REJECTION, reason);
      }
      if (status >= 500) {
        Spans.failed(receive, Integer.toString(status));
      }
    }
    receive.end();
  }

  /** Checks the push in a {@code verify} span (a refusal marks it failed). */
  public <T> T verify(Supplier<T> check) {
    return Spans.within(tracer.spanBuilder("verify").startSpan(), check::get);
  }

  /** The {@code publish} span of {@code event}, started now, a child of the current span. */
  public Span publish(CloudEvent<?> event) {
    return tracer
        .spanBuilder("publish")
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute(SpanAttributes.MESSAGING_SYSTEM, "kafka")
        .setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, "send")
        .setAttribute(SpanAttributes.MESSAGING_DESTINATION, topic)
        .setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, event.id())
        .setAttribute(SpanAttributes.CLOUDEVENTS_TYPE, event.type())
        .startSpan();
  }

  /** {@code event}, carrying {@code publish}'s context: the worker's spans go on under it. */
  public static <T> CloudEvent<T> carrying(CloudEvent<T> event, Span publish) {
    return event.withExtensions(TraceContext.of(Context.current().with(publish)));
  }

  /** Ends {@code publish}: Kafka acknowledged, the dedupe answered, or it failed. */
  public static void published(Span publish, int status, @Nullable Throwable error) {
    if (error != null) {
      Spans.failed(publish, error.getClass().getName());
    } else if (status >= 500) {
      Spans.failed(publish, Integer.toString(status));
    }
    publish.end();
  }
}
