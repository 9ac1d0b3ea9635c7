package io.wxrelay.schemas.codec;

import io.wxrelay.schemas.KafkaBinding;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CloudEvents Kafka binding's binary mode (§3.1): the attributes in {@code ce_} headers, the
 * data as the record value, its media type in {@code content-type}. Read into the structured
 * envelope the contract checks, so both modes meet the same rules.
 */
final class BinaryMode {
  private static final String PREFIX = KafkaBinding.BINARY_PREFIX;

  private BinaryMode() {}

  /** Whether a record is in binary mode: it names its spec version in a header. */
  static boolean applies(Map<String, byte[]> headers) {
    return headers.containsKey(KafkaBinding.BINARY_SPECVERSION_HEADER);
  }

  /** The attribute {@code name} from its header, or null. */
  static String attribute(Map<String, byte[]> headers, String name) {
    byte[] value = headers.get(PREFIX + name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** The structured envelope of a binary-mode record whose data is {@code data}. */
  static ObjectNode envelope(JsonMapper mapper, Map<String, byte[]> headers, JsonNode data) {
    ObjectNode envelope = mapper.createObjectNode();
    headers.forEach(
        (header, value) -> {
          if (header.startsWith(PREFIX) && header.length() > PREFIX.length()) {
            // Attributes and extensions alike, as text (the binding carries every value as a
            // string); the envelope's rules then check names and values.
            envelope.put(
                header.substring(PREFIX.length()), new String(value, StandardCharsets.UTF_8));
          }
        });
    byte[] contentType = headers.get(KafkaBinding.CONTENT_TYPE_HEADER);
    if (contentType != null) {
      envelope.put("datacontenttype", mediaType(new String(contentType, StandardCharsets.UTF_8)));
    }
    envelope.set("data", data);
    return envelope;
  }

  /** {@code application/json; charset=utf-8} → {@code application/json}. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
