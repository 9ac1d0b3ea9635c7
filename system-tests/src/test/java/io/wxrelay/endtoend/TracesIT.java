package io.wxrelay.endtoend;

import static io.wxrelay.endtoend.InProcessRelay.APPID;
import static io.wxrelay.endtoend.InProcessRelay.CODEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.wxrelay.endtoend.OtlpReceiver.Received;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traces end to end, received by a real OTLP receiver ({@link OtlpReceiver}) from the whole relay
 * ({@link InProcessRelay}): a command written with a {@code traceparent} is carried out in that
 * trace, and the QR code it made, scanned, is answered in one trace from the gateway's push to the
 * reply's WeChat call. Each trace is printed (span names and durations).
 */
@ExtendWith(RealInfrastructure.class)
class TracesIT {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String CALLER_SPAN = "b7ad6b7169203331";

  @Test
  void aCommandsTraceGoesOnInTheWorkerAndAScanIsOneTraceFromPushToReply(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        InProcessRelay relay =
            new InProcessRelay(
                kafka,
                redis,
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    receiver.endpoint(),
                    "OTEL_BSP_SCHEDULE_DELAY",
                    "100"),
                Map.of())) {
      String id = "traced-qr-" + UUID.randomUUID();
      String reply = "Traced welcome, " + id;
      relay.write(CODEC.encode(tracedQrCode(id, reply)));
      CommandResult created = relay.result(id);
      assertThat(created.status()).isEqualTo(CommandResult.Status.SUCCEEDED);
      assertTheCommandWasCarriedOutInTheCallersTrace(receiver, id);

      Newcomers.scanAndExpectReply(relay.sim, APPID, created, reply);
      assertTheScanIsOneTraceFromPushToReply(receiver);
      assertThat(receiver.spans())
          .noneMatch(s -> s.attributes().toString().contains("access_token"));
      assertThat(receiver.refused()).isEmpty();
    }
  }

  /** A QR code whose scan is answered with {@code reply}, written in the caller's trace. */
  private static CloudEvent<QrCodeCreate> tracedQrCode(String id, String reply) {
    return CloudEvent.of(
            EventType.QRCODE_CREATE,
            id,
            "/crm",
            APPID,
            Instant.now(),
            new QrCodeCreate(QrScene.of("t-" + id), 600, null, CustomMessage.text(reply)))
        .withExtensions(Map.of("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01"));
  }

  /** The worker's consume span is a child of the caller's, its WeChat call a child of that. */
  private static void assertTheCommandWasCarriedOutInTheCallersTrace(
      OtlpReceiver receiver, String id) {
    List<Received> commandTrace =
        trace(
            receiver,
            TRACE_ID,
            "consume",
            "claim",
            "token",
            "POST /cgi-bin/qrcode/create",
            "result");
    print("command " + id, commandTrace);
    Received consume = only(commandTrace, "consume");
    assertThat(consume.service()).isEqualTo("send-worker");
    assertThat(consume.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
    assertThat(consume.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(consume.attribute("messaging.message.id")).isEqualTo(id);
    assertChildrenOf(consume, commandTrace, "POST /cgi-bin/qrcode/create");
    Received call = only(commandTrace, "POST /cgi-bin/qrcode/create");
    assertThat(call.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(call.attribute("url.path")).isEqualTo("/cgi-bin/qrcode/create");
    assertThat(call.attribute("http.request.method")).isEqualTo("POST");
  }

  /**
   * The scan's trace starts at the gateway's receive (a root), goes on through its publish into the
   * worker's consume and ends with the reply's WeChat call.
   */
  private static void assertTheScanIsOneTraceFromPushToReply(OtlpReceiver receiver) {
    String scanTrace =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> replyTrace(receiver), Optional::isPresent)
            .orElseThrow();
    List<Received> scan =
        trace(
            receiver,
            scanTrace,
            "receive",
            "verify",
            "publish",
            "consume",
            "claim",
            "token",
            "POST /cgi-bin/message/custom/send",
            "result");
    print("scan answered by a reply", scan);
    Received receive = only(scan, "receive");
    assertThat(receive.service()).isEqualTo("callback-gateway");
    assertThat(receive.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(receive.parentSpanId()).isEmpty();
    assertThat(receive.attribute("http.response.status_code")).isEqualTo("200");
    assertThat(only(scan, "verify").parentSpanId()).isEqualTo(receive.spanId());
    Received publish = only(scan, "publish");
    assertThat(publish.parentSpanId()).isEqualTo(receive.spanId());
    assertThat(publish.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
    Received reacted = only(scan, "consume");
    assertThat(reacted.service()).isEqualTo("send-worker");
    assertThat(reacted.parentSpanId()).isEqualTo(publish.spanId());
    assertChildrenOf(reacted, scan, "POST /cgi-bin/message/custom/send");
  }

  /** The worker's steps of a command, each a child of its {@code consume} span. */
  private static void assertChildrenOf(Received consume, List<Received> trace, String call) {
    for (String step : List.of("claim", "token", call, "result")) {
      assertThat(trace)
          .as(step)
          .anySatisfy(
              s -> {
                assertThat(s.name()).isEqualTo(step);
                assertThat(s.parentSpanId()).isEqualTo(consume.spanId());
                assertThat(s.error()).isFalse();
              });
    }
  }

  /** The trace of the reply's WeChat call, once its spans are in. */
  private static Optional<String> replyTrace(OtlpReceiver receiver) {
    return receiver.spans().stream()
        .filter(s -> s.name().equals("POST /cgi-bin/message/custom/send"))
        .map(Received::traceId)
        .findFirst();
  }

  /**
   * The spans of {@code traceId}, once one of each of {@code names} is in. A span is exported when
   * it ends, and a parent ends after its children: the worker's {@code consume} can come in a later
   * batch than its {@code result}, so waiting for the last child alone was a race.
   */
  private static List<Received> trace(OtlpReceiver receiver, String traceId, String... names) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                receiver.spans().stream()
                    .filter(s -> s.traceId().equals(traceId))
                    .map(Received::name)
                    .collect(Collectors.toSet())
                    .containsAll(List.of(names)));
    return receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static Received only(List<Received> trace, String name) {
    List<Received> named = trace.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(named).as(name).hasSize(1);
    return named.getFirst();
  }

  /** The trace as a tree: each span under its parent, with its service and duration. */
  private static void print(String what, List<Received> trace) {
    StringBuilder out =
        new StringBuilder("trace " + trace.getFirst().traceId() + " (" + what + ")\n");
    trace.stream()
        .filter(s -> trace.stream().noneMatch(p -> p.spanId().equals(s.parentSpanId())))
        .forEach(root -> print(out, root, trace, 1));
    System.out.println(out);
  }

  private static void print(StringBuilder out, Received span, List<Received> trace, int depth) {
    out.append("  ".repeat(depth))
        .append(span.name())
        .append(" [")
        .append(span.service())
        .append("] ")
        .append(String.format("%.1f ms", span.duration().toNanos() / 1e6))
        .append(span.error() ? " ERROR" : "")
        .append('\n');
    trace.stream()
        .filter(s -> s.parentSpanId().equals(span.spanId()))
        .sorted(Comparator.comparing(Received::name))
        .forEach(child -> print(out, child, trace, depth + 1));
  }
}
