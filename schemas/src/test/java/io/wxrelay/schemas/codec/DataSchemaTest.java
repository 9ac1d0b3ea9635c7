package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every record wxrelay writes names its versioned schema; a record read may name it too. */
class DataSchemaTest {
  private final ContractCodec codec = ContractCodec.create();

  @ParameterizedTest(name = "{0}")
  @EnumSource(EventType.class)
  void whatWxrelayWritesNamesTheSchemaItsDataWasCheckedAgainst(EventType type) {
    JsonNode written = codec.mapper().readTree(codec.encode(codec.decode(Examples.bytes(type))));

    String dataschema = written.path("dataschema").asString();
    assertThat(dataschema)
        .isEqualTo(type.dataschema())
        .isEqualTo("https://wxrelay.io/schemas/" + type.value() + ".v1.schema.json");
    // The URI is the schema's own $id, so a tool that resolves it finds this very file.
    JsonNode schema =
        codec
            .mapper()
            .readTree(getClass().getClassLoader().getResourceAsStream(type.schemaResource()));
    assertThat(schema.path("$id").asString()).isEqualTo(dataschema);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://wxrelay.io/schemas/wechat.custom.send.v1.schema.json",
        "https://registry.shop.example/subjects/wechat-commands/versions/3",
        "urn:shop:crm:custom-message:2"
      })
  void aCommandMayNameItsOwnSchemaOrOneOfItsProducers(String dataschema) {
    assertThat(codec.decode(withDataschema(EventType.CUSTOM_SEND, dataschema)).id())
        .isEqualTo("order-98123-shipped");
  }

  @Test
  void aNewerVersionOfTheSchemaIsRefusedNotMisread() {
    ContractViolation violation =
        refused(
            withDataschema(
                EventType.CUSTOM_SEND,
                "https://wxrelay.io/schemas/wechat.custom.send.v2.schema.json"));

    assertThat(violation.problems().getFirst().pointer()).isEqualTo("/dataschema");
    assertThat(violation.problems().getFirst().message())
        .isEqualTo("names version 2 of wechat.custom.send's schema; this wxrelay reads version 1");
  }

  @Test
  void anotherTypesSchemaIsRefused() {
    ContractViolation violation =
        refused(
            withDataschema(
                EventType.CUSTOM_SEND,
                "https://wxrelay.io/schemas/wechat.mass.send.v1.schema.json"));

    assertThat(violation.problems().getFirst().message())
        .isEqualTo("is the schema of wechat.mass.send, not of wechat.custom.send");
  }

  @Test
  void aPathUnderWxrelaysSchemasThatNamesNoSchemaIsRefused() {
    ContractViolation violation =
        refused(
            withDataschema(
                EventType.CUSTOM_SEND,
                "https://wxrelay.io/schemas/wechat.custom.send.schema.json"));

    assertThat(violation.problems().getFirst().message())
        .isEqualTo(
            "is no schema of wxrelay's; wechat.custom.send has "
                + "https://wxrelay.io/schemas/wechat.custom.send.v1.schema.json");
  }

  @Test
  void aDataschemaThatIsNoUriIsRefusedByTheEnvelope() {
    ContractViolation violation = refused(withDataschema(EventType.CUSTOM_SEND, "not a uri"));

    assertThat(violation.kind()).isEqualTo(ContractViolation.Kind.ENVELOPE);
    assertThat(violation.problems().getFirst().pointer()).isEqualTo("/dataschema");
  }

  private ContractViolation refused(byte[] value) {
    ContractViolation violation =
        catchThrowableOfType(ContractViolation.class, () -> codec.decode(value));
    assertThat(violation).as("refused").isNotNull();
    assertThat(violation.kind()).isEqualTo(ContractViolation.Kind.ENVELOPE);
    return violation;
  }

  private byte[] withDataschema(EventType type, String dataschema) {
    ObjectNode example = (ObjectNode) codec.mapper().readTree(Examples.bytes(type));
    example.put("dataschema", dataschema);
    return codec.mapper().writeValueAsBytes(example);
  }
}
