package io.wxrelay.gateway.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.gateway.callback.rejection.Rejection;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What lets the gateway skip the JSON Schema on the modelled messages ({@link
 * EventMapper#checkedByMapping}, decision 0036): for every such message, with each of its fields
 * missing, empty, negative, not a number, not finite or nested, the mapping either refuses the push
 * as {@code bad_message} or builds an event its schema accepts, written to the same bytes with or
 * without the check.
 */
class MessageSchemasTest {
  private static final ContractCodec CODEC = ContractCodec.create();
  private static final List<String> ODD_VALUES =
      List.of("", " ", "-1", "+1", "0", "1.5", "NaN", "Infinity", "-Infinity", "x", "1e3", " 7 ");

  private final XmlPushReader reader = new XmlPushReader();
  private final EventMapper mapper = new EventMapper("/test");

  static Stream<Map<String, String>> messages() {
    return Stream.of(
        message("text", "Content", "hi", "MsgDataId", "d", "Idx", "1"),
        message("image", "PicUrl", "http://p", "MediaId", "m", "MsgDataId", "d", "Idx", "1"),
        message("voice", "MediaId", "m", "Format", "amr", "Recognition", "hi", "Idx", "1"),
        message("video", "MediaId", "m", "ThumbMediaId", "t", "MsgDataId", "d", "Idx", "1"),
        message("shortvideo", "MediaId", "m", "ThumbMediaId", "t", "Idx", "1"),
        message(
            "location", "Location_X", "23.1", "Location_Y", "113.3", "Scale", "20", "Label", "l"),
        message("link", "Title", "t", "Description", "d", "Url", "http://u", "Idx", "1"));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void everyVariantIsRefusedOrFitsItsSchema(Map<String, String> message) {
    List<String> checked = new ArrayList<>();
    for (String field : message.keySet()) {
      if (field.equals("MsgType")) {
        continue;
      }
      checked.add(refusedOrValid(without(message, field)));
      for (String odd : ODD_VALUES) {
        checked.add(refusedOrValid(with(message, field, odd)));
      }
      checked.add(refusedOrValid(with(message, field, "<a>1</a>")));
    }
    assertThat(checked).contains("valid", "bad_message");
  }

  @ParameterizedTest
  @MethodSource("messages")
  void theMessageAsWeChatSendsItIsCheckedByItsMapping(Map<String, String> message) {
    CloudEvent<?> event = mapper.map("wx5823bf96d3bd56c7", read(message), Instant.EPOCH);

    assertThat(EventMapper.checkedByMapping(event)).isTrue();
    assertThat(CODEC.encodeTrusted(event)).isEqualTo(CODEC.encode(event));
  }

  /** "valid" or "bad_message"; anything else (a schema refusal after the mapping) fails. */
  private String refusedOrValid(Map<String, String> message) {
    CloudEvent<?> event;
    try {
      event = mapper.map("wx5823bf96d3bd56c7", read(message), Instant.EPOCH);
    } catch (Rejection r) {
      assertThat(r.reason()).as("%s", message).isEqualTo("bad_message");
      return r.reason();
    }
    try {
      assertThat(CODEC.encodeTrusted(event)).as("%s", message).isEqualTo(CODEC.encode(event));
    } catch (ContractViolation v) {
      throw new AssertionError("mapped but refused by its schema: " + message + ": " + v, v);
    }
    return "valid";
  }

  private tools.jackson.databind.node.ObjectNode read(Map<String, String> message) {
    StringBuilder xml = new StringBuilder("<xml>");
    message.forEach(
        (name, value) -> {
          String text = value.startsWith("<") ? value : "<![CDATA[" + value + "]]>";
          xml.append('<')
              .append(name)
              .append('>')
              .append(text)
              .append("</")
              .append(name)
              .append('>');
        });
    return reader.read(xml.append("</xml>").toString().getBytes(UTF_8));
  }

  private static Map<String, String> message(String type, String... fields) {
    Map<String, String> message = new LinkedHashMap<>();
    message.put("ToUserName", "gh_3f2a9b7c1d0e");
    message.put("FromUserName", "oUser001");
    message.put("CreateTime", "1795339800");
    message.put("MsgType", type);
    message.put("MsgId", "24381723894718972");
    for (int i = 0; i < fields.length; i += 2) {
      message.put(fields[i], fields[i + 1]);
    }
    return message;
  }

  private static Map<String, String> without(Map<String, String> message, String field) {
    Map<String, String> copy = new LinkedHashMap<>(message);
    copy.remove(field);
    return copy;
  }

  private static Map<String, String> with(Map<String, String> message, String field, String v) {
    Map<String, String> copy = new LinkedHashMap<>(message);
    copy.put(field, v);
    return copy;
  }
}
