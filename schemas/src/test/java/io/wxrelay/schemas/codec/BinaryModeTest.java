package io.wxrelay.schemas.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Commands in the CloudEvents Kafka binding's binary mode read as their structured twins do. */
class BinaryModeTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private final ContractCodec codec = ContractCodec.create();
  private final CloudEvent<QrCodeCreate> command =
      CloudEvent.of(
          EventType.QRCODE_CREATE,
          "cmd-binary-1",
          "/upstream/crm",
          APPID,
          Instant.parse("2026-11-26T08:00:00Z"),
          new QrCodeCreate(QrScene.of(7), 60, null, null));

  private Map<String, byte[]> headers() {
    Map<String, byte[]> headers = new HashMap<>();
    headers.put("ce_specversion", "1.0".getBytes(UTF_8));
    headers.put("ce_id", command.id().getBytes(UTF_8));
    headers.put("ce_source", command.source().getBytes(UTF_8));
    headers.put("ce_type", command.type().getBytes(UTF_8));
    headers.put("ce_time", "2026-11-26T08:00:00Z".getBytes(UTF_8));
    headers.put("ce_subject", APPID.getBytes(UTF_8));
    headers.put("content-type", "application/json; charset=utf-8".getBytes(UTF_8));
    return headers;
  }

  private byte[] data() {
    return codec.mapper().writeValueAsBytes(command.data());
  }

  @Test
  void aBinaryModeCommandDecodesToTheSameEventAsItsStructuredTwin() {
    CloudEvent<?> binary = codec.decode(data(), headers());

    assertThat(binary).isEqualTo(codec.decode(codec.encode(command)));
  }

  @Test
  void withoutCeHeadersTheValueIsTheEnvelope() {
    assertThat(codec.decode(codec.encode(command), Map.of())).isEqualTo(command);
  }

  @Test
  void dataThatIsNotJsonIsMalformedAndTheViolationKnowsTheCommandFromItsHeaders() {
    ContractViolation violation =
        catchThrowableOfType(
            ContractViolation.class, () -> codec.decode("{oops".getBytes(UTF_8), headers()));

    assertThat(violation.kind()).isEqualTo(ContractViolation.Kind.MALFORMED);
    assertThat(violation.eventId()).hasValue("cmd-binary-1");
    assertThat(violation.type()).hasValue("wechat.qrcode.create");
  }

  @Test
  void aMissingRequiredAttributeBreaksTheEnvelope() {
    Map<String, byte[]> headers = headers();
    headers.remove("ce_source");

    ContractViolation violation =
        catchThrowableOfType(ContractViolation.class, () -> codec.decode(data(), headers));

    assertThat(violation.kind()).isEqualTo(ContractViolation.Kind.ENVELOPE);
    assertThat(violation.getMessage()).contains("source");
  }

  @Test
  void aStructuredCommandMayNameItsJsonWithParameters() {
    String json =
        new String(codec.encode(command), UTF_8)
            .replace(
                "\"datacontenttype\":\"application/json\"",
                "\"datacontenttype\":\"application/json; charset=utf-8\"");

    assertThat(codec.decode(json.getBytes(UTF_8)).id()).isEqualTo("cmd-binary-1");
  }

  @Test
  void timeIsOptionalInEitherMode() {
    Map<String, byte[]> headers = headers();
    headers.remove("ce_time");
    assertThat(codec.decode(data(), headers).time()).isNull();

    ObjectNode structured = (ObjectNode) codec.mapper().readTree(codec.encode(command));
    structured.remove("time");
    assertThat(codec.decode(codec.mapper().writeValueAsBytes(structured)).id())
        .isEqualTo("cmd-binary-1");
  }

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void extensionAttributesAreCarriedInEitherModeAndWrittenBack() {
    Map<String, byte[]> headers = headers();
    headers.put("ce_traceparent", TRACEPARENT.getBytes(UTF_8));
    headers.put("ce_partitionkey", "user-7".getBytes(UTF_8));
    headers.put("ce_dataschema", EventType.QRCODE_CREATE.dataschema().getBytes(UTF_8));

    CloudEvent<?> binary = codec.decode(data(), headers);
    assertThat(binary.extensions())
        .containsOnly(Map.entry("traceparent", TRACEPARENT), Map.entry("partitionkey", "user-7"));
    assertThat(binary.traceContext()).containsOnlyKeys("traceparent");

    CloudEvent<?> again = codec.decode(codec.encode(binary));
    assertThat(again.extensions()).isEqualTo(binary.extensions());
  }

  @Test
  void anExtensionThatBreaksTheNamingRuleIsRefused() {
    CloudEvent<QrCodeCreate> bad = command.withExtensions(Map.of("Trace-Parent", "x"));

    ContractViolation violation =
        catchThrowableOfType(ContractViolation.class, () -> codec.encode(bad));

    assertThat(violation.kind()).isEqualTo(ContractViolation.Kind.ENVELOPE);
  }
}
