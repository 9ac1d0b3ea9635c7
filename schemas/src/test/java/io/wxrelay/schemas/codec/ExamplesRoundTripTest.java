package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExamplesRoundTripTest {
  private static final ContractCodec CODEC = ContractCodec.create();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyExampleDecodesToItsRecordAndEncodesBackToTheSameJson(EventType type) {
    byte[] example = Examples.bytes(type);

    CloudEvent<?> event = CODEC.decode(example);
    byte[] encoded = CODEC.encode(event);

    assertThat(event.eventType()).isEqualTo(type);
    assertThat(event.data()).isInstanceOf(type.dataClass());
    assertThat(CODEC.mapper().readTree(encoded)).isEqualTo(CODEC.mapper().readTree(example));
    assertThat(CODEC.decode(encoded)).isEqualTo(event);
  }
}
