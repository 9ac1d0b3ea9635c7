package io.wxrelay.endtoend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP trace receiver in this JVM: the JDK's HTTP server at {@code /v1/traces}, each
 * request decoded as the protocol's {@code ExportTraceServiceRequest} (protobuf), as a collector
 * would. Keeps every span with the service that sent it.
 */
final class OtlpReceiver implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();

  /** A span as received: ids in hex, the service from its resource. */
  record Received(
      String service,
      String name,
      String traceId,
      String spanId,
      String parentSpanId,
      Span.SpanKind kind,
      Duration duration,
      boolean error,
      List<KeyValue> attributes) {

    String attribute(String key) {
      return attributes.stream()
          .filter(kv -> kv.getKey().equals(key))
          .map(
              kv ->
                  kv.getValue().hasIntValue()
                      ? Long.toString(kv.getValue().getIntValue())
                      : kv.getValue().getStringValue())
          .findFirst()
          .orElse("");
    }
  }

  private final HttpServer server;
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/traces", this::receive);
    server.start();
  }

  /** What a service's {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> spans() {
    return List.copyOf(spans);
  }

  /** Requests that were not OTLP/HTTP protobuf trace exports (none expected). */
  List<String> refused() {
    return List.copyOf(refused);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod()) || !"application/x-protobuf".equals(type)) {
        refused.add(exchange.getRequestMethod() + " " + type);
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      keep(ExportTraceServiceRequest.parseFrom(body));
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private void keep(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = service(resource.getResource());
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          spans.add(
              new Received(
                  service,
                  span.getName(),
                  HEX.formatHex(span.getTraceId().toByteArray()),
                  HEX.formatHex(span.getSpanId().toByteArray()),
                  HEX.formatHex(span.getParentSpanId().toByteArray()),
                  span.getKind(),
                  Duration.ofNanos(span.getEndTimeUnixNano() - span.getStartTimeUnixNano()),
                  span.getStatus().getCode()
                      == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
                  span.getAttributesList()));
        }
      }
    }
  }

  private static String service(Resource resource) {
    return resource.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name"))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse("");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
