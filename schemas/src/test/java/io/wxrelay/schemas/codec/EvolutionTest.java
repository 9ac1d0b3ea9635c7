package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events and results may gain fields without breaking older consumers; commands stay strict. Each
 * type's example, with a field a newer producer might add.
 */
class EvolutionTest {
  private final ContractCodec codec = ContractCodec.create();

  private byte[] withNewField(EventType type) {
    ObjectNode example = (ObjectNode) codec.mapper().readTree(Examples.bytes(type));
    ((ObjectNode) example.get("data")).put("addedByANewerRelease", "x");
    return codec.mapper().writeValueAsBytes(example);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EventType.class)
  void whatWxrelayProducesStillDecodesWithAFieldANewerReleaseAdded(EventType type) {
    if (type.topic() == Topic.COMMANDS) {
      return; // below
    }
    assertThat(codec.decode(withNewField(type)).type()).isEqualTo(type.value());
  }

  @Test
  void aCommandWithAFieldItsSchemaDoesNotKnowIsRefusedWithThePointer() {
    ContractViolation violation =
        catchThrowableOfType(
            ContractViolation.class, () -> codec.decode(withNewField(EventType.CUSTOM_SEND)));

    assertThat(violation.kind()).isEqualTo(ContractViolation.Kind.SCHEMA);
    assertThat(violation.getMessage()).contains("addedByANewerRelease");
  }
}
