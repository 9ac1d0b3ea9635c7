package io.wxrelay.gateway.parse;

import io.wxrelay.gateway.callback.rejection.Rejection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Typed access to a push's fields; a missing or malformed one is a 400 naming the field. */
final class Fields {
  private static final Set<String> HEADER =
      Set.of("ToUserName", "FromUserName", "CreateTime", "MsgType", "Encrypt");

  /**
   * Compiled once: each push checks its sender and its MsgId (String.matches compiles each time).
   */
  private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
  private final ObjectNode xml;

  Fields(ObjectNode xml) {
    this.xml = xml;
  }

  String text(String name) {
    JsonNode node = xml.get(name);
    return node == null || !node.isValueNode() ? null : node.asString();
  }

  String required(String name) {
    String value = text(name);
    if (value == null || value.isEmpty()) {
      throw new Rejection(400, "bad_message", "missing " + name);
    }
    return value;
  }

  String to() {
    return required("ToUserName");
  }

  String openid() {
    String openid = required("FromUserName");
    if (!OPENID.matcher(openid).matches()) {
      throw new Rejection(400, "bad_message", "FromUserName is not an OpenID");
    }
    return openid;
  }

  /** Every schema's {@code createTime} is an integer from 0. */
  long createTime() {
    long seconds;
    try {
      seconds = Long.parseLong(required("CreateTime"));
    } catch (NumberFormatException e) {
      throw new Rejection(400, "bad_message", "CreateTime is not a number");
    }
    if (seconds < 0) {
      throw new Rejection(400, "bad_message", "CreateTime is negative");
    }
    return seconds;
  }

  /** A field the schema requires that may be empty ({@code Content}): present as text. */
  String present(String name) {
    return needed(name, text(name));
  }

  /** {@code value} of field {@code name}, refused as missing when null. */
  private static <T> T needed(String name, T value) {
    if (value == null) {
      throw new Rejection(400, "bad_message", "missing " + name);
    }
    return value;
  }

  /** An optional integer the schema holds from 0 ({@code Idx}). */
  Integer index(String name) {
    Integer value = integer(name);
    if (value != null && value < 0) {
      throw new Rejection(400, "bad_message", name + " is negative");
    }
    return value;
  }

  String msgId(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    if (!DIGITS.matcher(value).matches()) {
      throw new Rejection(400, "bad_message", name + " is not a number");
    }
    return value;
  }

  String requiredMsgId() {
    return requiredMsgIdNamed("MsgId");
  }

  String requiredMsgIdNamed(String name) {
    return needed(name, msgId(name));
  }

  Integer integer(String name) {
    String value = text(name);
    try {
      return value == null || value.isEmpty() ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new Rejection(400, "bad_message", name + " is not an integer");
    }
  }

  long count(String name) {
    Integer value = integer(name);
    return value == null ? 0 : value;
  }

  double decimal(String name) {
    return needed(name, optionalDecimal(name));
  }

  Double optionalDecimal(String name) {
    String value = text(name);
    try {
      Double number = value == null || value.isEmpty() ? null : Double.valueOf(value.trim());
      if (number != null && !Double.isFinite(number)) {
        throw new NumberFormatException(); // NaN and Infinity are not JSON numbers
      }
      return number;
    } catch (NumberFormatException e) {
      throw new Rejection(400, "bad_message", name + " is not a number");
    }
  }

  JsonNode node(String name) {
    return xml.get(name);
  }

  /** Every field except the header, as plain Java values, for types wxrelay does not model. */
  Map<String, Object> rest() {
    Map<String, Object> rest = new LinkedHashMap<>();
    xml.properties()
        .forEach(
            e -> {
              if (!HEADER.contains(e.getKey())) {
                rest.put(e.getKey(), plain(e.getValue()));
              }
            });
    return rest;
  }

  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      return node.valueStream().map(Fields::plain).toList();
    }
    return node.asString();
  }
}
