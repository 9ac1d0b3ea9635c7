package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.TextMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ContractCodec#encodeTrusted}: the bytes of {@code encode}, without the schema's check. */
class EncodeTrustedTest {
  private static final ContractCodec CODEC = ContractCodec.create();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void aValidEventEncodesToTheSameBytesAsEncode(EventType type) {
    CloudEvent<?> event = CODEC.decode(Examples.bytes(type));

    assertThat(CODEC.encodeTrusted(event)).isEqualTo(CODEC.encode(event));
  }

  @Test
  void theEnvelopeIsStillChecked() {
    CloudEvent<?> unknownType =
        new CloudEvent<>(
            "1.0",
            "id-1",
            "/wxrelay/test",
            "wechat.message.nosuchtype",
            Instant.EPOCH,
            "wx5823bf96d3bd56c7",
            "application/json",
            new TextMessage("gh_1", "o1", 0, "1", "hi", null, null),
            java.util.Map.of());

    assertThatThrownBy(() -> CODEC.encodeTrusted(unknownType))
        .isInstanceOf(ContractViolation.class);
  }

  @Test
  void theDataIsNotValidated() {
    CloudEvent<?> negativeTime =
        CloudEvent.of(
            EventType.MESSAGE_TEXT,
            "id-1",
            "/wxrelay/test",
            "wx5823bf96d3bd56c7",
            Instant.EPOCH,
            new TextMessage("gh_1", "o1", -1, "1", "hi", null, null));

    assertThatThrownBy(() -> CODEC.encode(negativeTime)).isInstanceOf(ContractViolation.class);
    assertThat(CODEC.encodeTrusted(negativeTime)).isNotEmpty();
  }
}
