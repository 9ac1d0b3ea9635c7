package io.wxrelay.worker.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.wxrelay.kit.tracing.SpanAttributes;
import io.wxrelay.kit.tracing.Spans;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.WeChat;
import java.net.URI;

/**
 * Each WeChat call in an HTTP client span of its own, named {@code POST /cgi-bin/<api>}, with the
 * semantic conventions' method, path (never the query: it holds the access token) and server, and
 * WeChat's errcode. An outcome other than Ok ends the span with status ERROR, its error class as
 * {@code error.type}.
 */
public final class TracedWeChat implements WeChat {
  static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> ERRCODE = AttributeKey.longKey("wechat.errcode");

  private final WeChat api;
  private final Tracer tracer;
  private final String basePath;
  private final String host;
  private final long port;

  /** {@code apiBase}: where the calls go, as the worker's WECHAT_API_BASE says. */
  public TracedWeChat(WeChat api, Tracer tracer, URI apiBase) {
    this.api = api;
    this.tracer = tracer;
    String path = apiBase.getPath() == null ? "" : apiBase.getPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.host = apiBase.getHost() == null ? "" : apiBase.getHost();
    this.port =
        apiBase.getPort() >= 0 ? apiBase.getPort() : "https".equals(apiBase.getScheme()) ? 443 : 80;
  }

  @Override
  public CallOutcome call(Request request, LoadedFiles files, String accessToken)
      throws InterruptedException {
    String path = basePath + "/cgi-bin/" + request.api();
    Span span =
        tracer
            .spanBuilder("POST " + path)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(SpanAttributes.HTTP_METHOD, "POST")
            .setAttribute(SpanAttributes.URL_PATH, path)
            .setAttribute(SERVER, host)
            .setAttribute(PORT, port)
            .startSpan();
    return Spans.within(span, () -> noted(span, api.call(request, files, accessToken)));
  }

  private static CallOutcome noted(Span span, CallOutcome outcome) {
    if (outcome.errcode() != null) {
      span.setAttribute(ERRCODE, outcome.errcode().longValue());
    }
    span.setAttribute(SpanAttributes.OUTCOME, outcome.getClass().getSimpleName());
    if (outcome instanceof CallOutcome.Failure failure) {
      Spans.failed(span, failure.errorClass().json());
    }
    return outcome;
  }
}
