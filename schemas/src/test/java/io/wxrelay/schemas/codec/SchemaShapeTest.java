package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Rules of the schemas' shape that JSON Schema itself cannot state. */
class SchemaShapeTest {
  private static final ContractCodec CODEC = ContractCodec.create();

  /**
   * wechat.custom.send closes its object with additionalProperties (cheaper to validate than
   * unevaluatedProperties), so it must name every property of the message it includes: a payload
   * added to customMessage but not listed there would be refused.
   */
  @Test
  void customSendNamesTheRecipientAndEveryPropertyOfItsMessage() throws IOException {
    JsonNode send = read(EventType.CUSTOM_SEND.schemaResource());
    JsonNode message = read("schemas/common.schema.json").at("/$defs/customMessage");

    List<String> expected = new ArrayList<>(List.of("touser"));
    expected.addAll(message.get("properties").propertyNames());

    assertThat(send.get("properties").propertyNames()).containsExactlyElementsOf(expected);
    assertThat(send.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(send.at("/allOf/0/$ref").asString())
        .isEqualTo("common.schema.json#/$defs/customMessage");
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = SchemaShapeTest.class.getClassLoader().getResourceAsStream(resource)) {
      return CODEC.mapper().readTree(in);
    }
  }
}
