package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The envelope rules checked in code give the envelope schema's answer, case by case. */
class OutgoingEnvelopeTest {
  private static final SchemaCatalog SCHEMAS = new SchemaCatalog();
  private static final ContractCodec CODEC = ContractCodec.create();
  private static final QrCodeCreate DATA = new QrCodeCreate(QrScene.of(7), 60, null, null);

  static Stream<Arguments> envelopes() {
    return Stream.of(
        Arguments.of("valid", event("1.0", "cmd-1", "/crm", "wx5823bf96d3bd56c7", JSON), null),
        Arguments.of("no subject", event("1.0", "cmd-1", "/crm", null, JSON), null),
        Arguments.of("no content type", event("1.0", "cmd-1", "/crm", null, null), null),
        Arguments.of("128-character id", event("1.0", "x".repeat(128), "/c", null, JSON), null),
        Arguments.of("256-character source", event("1.0", "i", "s".repeat(256), null, JSON), null),
        Arguments.of("spec 0.3", event("0.3", "cmd-1", "/crm", null, JSON), "/specversion"),
        Arguments.of("empty id", event("1.0", "", "/crm", null, JSON), "/id"),
        Arguments.of("129-character id", event("1.0", "x".repeat(129), "/c", null, JSON), "/id"),
        Arguments.of("empty source", event("1.0", "cmd-1", "", null, JSON), "/source"),
        Arguments.of(
            "257-character source", event("1.0", "i", "s".repeat(257), null, JSON), "/source"),
        Arguments.of("short appid", event("1.0", "cmd-1", "/crm", "wx5823bf", JSON), "/subject"),
        Arguments.of(
            "appid with a dash", event("1.0", "i", "/c", "wx5823bf96d3bd56-7", JSON), "/subject"),
        Arguments.of(
            "text content", event("1.0", "cmd-1", "/crm", null, "text/plain"), "/datacontenttype"),
        Arguments.of("upper-case type", typed("wechat.QRCODE.create"), "/type"),
        Arguments.of("foreign type", typed("com.example.thing"), "/type"));
  }

  /**
   * CloudEvents makes {@code time} optional, and wxrelay reads events without one; what it writes
   * always has one.
   */
  @org.junit.jupiter.api.Test
  void whatWxrelayWritesHasATimeThoughWhatItReadsNeedNot() {
    CloudEvent<?> untimed = timed(null);

    assertThat(SCHEMAS.validateEnvelope(CODEC.mapper().valueToTree(untimed))).isEmpty();
    assertThat(OutgoingEnvelope.problems(untimed))
        .extracting(p -> p.pointer())
        .containsExactly("/time");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("envelopes")
  void theCodeAndTheSchemaAgree(String name, CloudEvent<?> event, String pointer) {
    boolean schemaRefuses = !SCHEMAS.validateEnvelope(CODEC.mapper().valueToTree(event)).isEmpty();
    boolean codeRefuses = !OutgoingEnvelope.problems(event).isEmpty();

    assertThat(codeRefuses).isEqualTo(schemaRefuses).isEqualTo(pointer != null);
    if (pointer != null) {
      assertThat(OutgoingEnvelope.problems(event).getFirst().pointer()).isEqualTo(pointer);
      assertThatThrownBy(() -> CODEC.encode(event))
          .isInstanceOfSatisfying(
              ContractViolation.class,
              v -> {
                assertThat(v.kind()).isEqualTo(ContractViolation.Kind.ENVELOPE);
                assertThat(v.pointer()).isEqualTo(pointer);
              });
    }
  }

  private static final String JSON = CloudEvent.JSON;
  private static final Instant TIME = Instant.parse("2026-11-22T10:00:00Z");

  private static CloudEvent<QrCodeCreate> event(
      String spec, String id, String source, String subject, String contentType) {
    return new CloudEvent<>(
        spec, id, source, "wechat.qrcode.create", TIME, subject, contentType, DATA);
  }

  private static CloudEvent<QrCodeCreate> typed(String type) {
    return new CloudEvent<>("1.0", "cmd-1", "/crm", type, TIME, null, JSON, DATA);
  }

  private static CloudEvent<QrCodeCreate> timed(Instant time) {
    return new CloudEvent<>("1.0", "cmd-1", "/crm", "wechat.qrcode.create", time, null, JSON, DATA);
  }
}
