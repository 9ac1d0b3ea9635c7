package io.wxrelay.schemas.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractViolation.Kind;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedValuesTest {
  private static final ContractCodec CODEC = ContractCodec.create();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "{",
        "{\"id\":",
        "{} trailing",
        "{\"id\":\"a\",\"id\":\"b\"}",
        "\u0000\u0001\u0002"
      })
  void garbageIsMalformedNotANullPointerLater(String value) {
    ContractViolation violation =
        catchThrowableOfType(ContractViolation.class, () -> CODEC.decode(value.getBytes(UTF_8)));

    assertThat(violation.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(violation.pointer()).isEmpty();
    assertThat(violation.getMessage()).startsWith("not JSON: ");
  }

  @Test
  void nullIsMalformed() {
    assertThatThrownBy(() -> CODEC.decode(null))
        .isInstanceOfSatisfying(
            ContractViolation.class, v -> assertThat(v.kind()).isEqualTo(Kind.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "42", "\"text\"", "null"})
  void jsonThatIsNotAnObjectIsNotAnEnvelope(String value) {
    ContractViolation violation =
        catchThrowableOfType(ContractViolation.class, () -> CODEC.decode(value.getBytes(UTF_8)));

    assertThat(violation.kind()).isEqualTo(Kind.ENVELOPE);
  }

  @Test
  void aTruncatedExampleIsMalformed() {
    byte[] example = Examples.bytes(EventType.CUSTOM_SEND);
    byte[] truncated = Arrays.copyOf(example, example.length / 2);

    assertThatThrownBy(() -> CODEC.decode(truncated))
        .isInstanceOfSatisfying(
            ContractViolation.class, v -> assertThat(v.kind()).isEqualTo(Kind.MALFORMED));
  }

  @Test
  void aSchemaViolationStillNamesTheCommandSoItsResultCanBeReported() {
    String value =
        """
        {"specversion":"1.0","id":"cmd-1","source":"/crm","type":"wechat.mass.send",
         "time":"2026-11-22T10:00:00+08:00","subject":"wx5823bf96d3bd56c7",
         "data":{"touser":["oA"],"msgtype":"text","text":{"content":"hi"}}}
        """;

    ContractViolation violation =
        catchThrowableOfType(ContractViolation.class, () -> CODEC.decode(value.getBytes(UTF_8)));

    assertThat(violation.eventId()).contains("cmd-1");
    assertThat(violation.type()).contains("wechat.mass.send");
    assertThat(violation.pointer()).isEqualTo("/data/touser");
  }

  @Test
  void aTimeWithAnOffsetDecodesToTheSameInstant() {
    String value =
        """
        {"specversion":"1.0","id":"cmd-2","source":"/crm","type":"wechat.mass.speed.get",
         "time":"2026-11-22T10:00:00+08:00","subject":"wx5823bf96d3bd56c7","data":{}}
        """;

    CloudEvent<?> event = CODEC.decode(value.getBytes(UTF_8));

    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
  }

  @Test
  void decodingAsTheWrongRecordSaysWhich() {
    byte[] example = Examples.bytes(EventType.CUSTOM_SEND);

    assertThatThrownBy(() -> CODEC.decode(example, MassSend.class))
        .isInstanceOfSatisfying(
            ContractViolation.class,
            v -> {
              assertThat(v.kind()).isEqualTo(Kind.UNKNOWN_TYPE);
              assertThat(v.getMessage()).contains("MassSend");
            });
    assertThat(CODEC.decode(example, CustomSend.class).data().touser()).isNotBlank();
  }

  @Test
  void encodingRefusesAnEventThatBreaksItsSchema() {
    var oneUser =
        new MassSend(List.of("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), MassMessage.text("hi"), null);
    var event =
        CloudEvent.of(
            EventType.MASS_SEND, "cmd-3", "/crm", "wx5823bf96d3bd56c7", Instant.now(), oneUser);

    assertThatThrownBy(() -> CODEC.encode(event))
        .isInstanceOfSatisfying(
            ContractViolation.class, v -> assertThat(v.pointer()).isEqualTo("/data/touser"));
  }

  @Test
  void anEventCannotBeBuiltWithAnotherTypesRecord() {
    assertThatThrownBy(
            () ->
                CloudEvent.of(
                    EventType.MASS_SENDALL,
                    "x",
                    "/crm",
                    "wx5823bf96d3bd56c7",
                    Instant.now(),
                    MassMessage.text("hi")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
