package io.wxrelay.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.KafkaBinding;
import io.wxrelay.schemas.codec.ContractCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every type's example, as the official SDK writes it in either mode with extension attributes (W3C
 * {@code traceparent}, {@code partitionkey}), through wxrelay's codec and back to the SDK: nothing
 * an upstream team set is lost or changed, and the SDK reads what wxrelay wrote.
 */
class CloudEventsRoundTripTest {
  private static final ContractCodec CODEC = ContractCodec.create();
  private static final String TOPIC = "wechat.any";
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  static Stream<Arguments> everyTypeInEitherMode() {
    return Stream.of(Encoding.values())
        .flatMap(e -> Stream.of(EventType.values()).map(t -> Arguments.of(e, t)));
  }

  @ParameterizedTest(name = "{1} in {0} mode")
  @MethodSource("everyTypeInEitherMode")
  void anEventWithExtensionAttributesRoundTripsThroughWxrelay(Encoding encoding, EventType type) {
    CloudEvent example =
        EventFormatProvider.getInstance()
            .resolveFormat(JsonFormat.CONTENT_TYPE)
            .deserialize(example(type));
    CloudEvent sent =
        CloudEventBuilder.v1(example)
            .withExtension("traceparent", TRACEPARENT)
            .withExtension("partitionkey", "user-7")
            .build();

    Headers headers = new RecordHeaders();
    byte[] value = serializer(encoding).serialize(TOPIC, headers, sent);
    Map<String, byte[]> lastHeaders = new HashMap<>();
    headers.forEach(h -> lastHeaders.put(h.key(), h.value()));
    byte[] rewritten = CODEC.encode(CODEC.decode(value, lastHeaders));
    Headers structured = new RecordHeaders();
    structured.add(KafkaBinding.CONTENT_TYPE_HEADER, KafkaBinding.structuredContentType());
    CloudEvent back = new CloudEventDeserializer().deserialize(TOPIC, structured, rewritten);

    assertThat(back.getId()).isEqualTo(sent.getId());
    assertThat(back.getType()).isEqualTo(sent.getType());
    assertThat(back.getSource()).isEqualTo(sent.getSource());
    assertThat(back.getSubject()).isEqualTo(sent.getSubject());
    assertThat(back.getTime()).isEqualTo(sent.getTime());
    assertThat(back.getExtension("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(back.getExtension("partitionkey")).isEqualTo("user-7");
    assertThat(back.getDataSchema()).hasToString(type.dataschema());
    assertThat(json(back.getData().toBytes())).isEqualTo(json(sent.getData().toBytes()));
  }

  private static CloudEventSerializer serializer(Encoding encoding) {
    CloudEventSerializer serializer = new CloudEventSerializer();
    serializer.configure(
        Map.of(
            CloudEventSerializer.ENCODING_CONFIG,
            encoding.name(),
            CloudEventSerializer.EVENT_FORMAT_CONFIG,
            JsonFormat.CONTENT_TYPE),
        false);
    return serializer;
  }

  /** The example record value of {@code type} shipped with the schemas. */
  static byte[] example(EventType type) {
    try (InputStream in =
        EventType.class.getClassLoader().getResourceAsStream(type.exampleResource())) {
      return Objects.requireNonNull(in, type.exampleResource()).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(byte[] bytes) {
    return CODEC.mapper().readTree(bytes);
  }
}
