package io.wxrelay.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.wxrelay.kit.tracing.LogFields;
import io.wxrelay.kit.tracing.SpanAttributes;
import io.wxrelay.kit.tracing.TraceContext;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.Tokens;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.media.MediaFetcher;
import io.wxrelay.worker.media.MediaFiles;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.WeChat;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

class WorkerTracesTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER = "00f067aa0ba902b7";
  private static final String TOKEN = "ACCESS-TOKEN-never-in-a-span";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final WorkerSpans spans = new WorkerSpans(provider.get("test"));

  private static final CloudEvent<CustomSend> COMMAND =
      CloudEvent.of(
              EventType.CUSTOM_SEND,
              "cmd-1",
              "/crm",
              "wx0123456789abcdef",
              Instant.now(),
              new CustomSend("oUser", CustomMessage.text("hi")))
          .withExtensions(Map.of("traceparent", "00-" + TRACE_ID + "-" + CALLER + "-01"));

  private static final InboundRecord RECORD =
      new InboundRecord("wechat.commands", 3, 42L, "wx0123456789abcdef", new byte[0], Map.of());

  @Test
  void aCommandIsConsumedUnderItsTraceparentWithItsIdsInTheLogFieldsMeanwhile() throws Exception {
    AtomicReference<Map<String, String>> logged = new AtomicReference<>();
    AtomicReference<Map<String, Object>> carried = new AtomicReference<>();

    spans.consume(
        COMMAND,
        RECORD,
        LogFields.COMMAND_ID,
        () -> {
          logged.set(MDC.getCopyOfContextMap());
          carried.set(TraceContext.current(Map.of()));
          spans.end("result", "cmd-1", "succeeded", () -> {});
        });

    SpanData consume = named("consume");
    assertThat(consume.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(consume.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(consume.getParentSpanId()).isEqualTo(CALLER);
    assertThat(consume.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION))
        .isEqualTo("wechat.commands");
    assertThat(consume.getAttributes().get(WorkerSpans.OFFSET)).isEqualTo(42L);
    assertThat(named("result").getParentSpanId()).isEqualTo(consume.getSpanId());
    assertThat(logged.get())
        .containsEntry(LogFields.COMMAND_ID, "cmd-1")
        .containsEntry(LogFields.APPID, "wx0123456789abcdef")
        .containsEntry(LogFields.TRACE_ID, TRACE_ID)
        .containsEntry(LogFields.SPAN_ID, consume.getSpanId());
    assertThat(carried.get())
        .containsEntry("traceparent", "00-" + TRACE_ID + "-" + consume.getSpanId() + "-01");
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aHandlingThatIsInterruptedEndsItsSpanWithStatusError() {
    try {
      spans.consume(
          COMMAND,
          RECORD,
          LogFields.COMMAND_ID,
          () -> {
            throw new InterruptedException("revoked");
          });
    } catch (InterruptedException expected) {
      // goes on to the engine
    }

    assertThat(named("consume").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aWeChatCallIsAClientSpanWithItsPathButNeverItsTokenAndARefusalIsAnError() throws Exception {
    WeChat refusing =
        (call, files, token) ->
            new CallOutcome.Refused(45015, "response out of time limit", ErrorClass.USER_WINDOW);
    WeChat traced =
        new TracedWeChat(refusing, provider.get("test"), URI.create("http://sim:8081/"));

    var noFiles =
        new LoadedFiles(
            new MediaFiles(
                new MediaFetcher(new MediaFetcher.Settings(Duration.ofSeconds(1), Set.of()))));
    traced.call(
        new Request.Json("message/custom/send", JsonMapper.builder().build().createObjectNode()),
        noFiles,
        TOKEN);

    SpanData call = named("POST /cgi-bin/message/custom/send");
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getAttributes().get(SpanAttributes.URL_PATH))
        .isEqualTo("/cgi-bin/message/custom/send");
    assertThat(call.getAttributes().get(SpanAttributes.HTTP_METHOD)).isEqualTo("POST");
    assertThat(call.getAttributes().get(TracedWeChat.SERVER)).isEqualTo("sim");
    assertThat(call.getAttributes().get(TracedWeChat.PORT)).isEqualTo(8081L);
    assertThat(call.getAttributes().get(TracedWeChat.ERRCODE)).isEqualTo(45015L);
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getStatus().getDescription()).isEqualTo("userWindow");
    assertThat(call.toString()).doesNotContain(TOKEN);
  }

  @Test
  void aTokenFetchIsASpanOfItsOwnThatNeverHoldsTheToken() {
    Tokens tokens =
        new Tokens() {
          @Override
          public AccessToken current(String appid) {
            return new AccessToken(appid, TOKEN, 1, Instant.now().plusSeconds(7200));
          }

          @Override
          public AccessToken renewAfterFailure(AccessToken used) {
            return used;
          }
        };

    new TracedTokens(tokens, provider.get("test")).current("wx0123456789abcdef");

    assertThat(exported.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getName()).isEqualTo("token");
              assertThat(span.toString()).doesNotContain(TOKEN);
            });
  }

  private SpanData named(String name) {
    List<SpanData> all = exported.getFinishedSpanItems();
    return all.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }
}
