package io.wxrelay.schemas.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Placeholders in a reply that is sent to whoever triggers it (a QR code's {@code reply}): {@code
 * {openid}}, {@code {scene}}, {@code {appid}} and {@code {event_time}} in any text of the message
 * are replaced by the scan's values when the reply is sent; inside a URL field ({@code url}, {@code
 * picurl}, {@code musicurl}, {@code hqmusicurl}) the value is URL-encoded. A placeholder of another
 * name is refused when the command is read, not when a user scans. Braces around anything that is
 * not a name (JSON in a text, an empty pair) are left alone.
 */
public final class ReplyTemplate {
  /** The placeholders a reply may use. */
  public static final Set<String> PLACEHOLDERS = Set.of("openid", "scene", "appid", "event_time");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Set<String> URL_FIELDS = Set.of("url", "picurl", "musicurl", "hqmusicurl");

  private ReplyTemplate() {}

  /** A placeholder a reply may not use, at the JSON pointer of its text. */
  public record Unknown(String pointer, String name) {
    /** What a user is told. */
    public String message() {
      return "unknown placeholder {"
          + name
          + "}; a reply may use {openid}, {scene}, {appid} and {event_time}";
    }
  }

  /** The unknown placeholders in {@code message}, each at its JSON pointer under {@code at}. */
  public static List<Unknown> unknownPlaceholders(JsonNode message, String at) {
    List<Unknown> problems = new ArrayList<>();
    collect(message, at, problems);
    return problems;
  }

  private static void collect(JsonNode node, String at, List<Unknown> problems) {
    if (node.isString()) {
      Matcher m = PLACEHOLDER.matcher(node.asString());
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1))) {
          problems.add(new Unknown(at, m.group(1)));
        }
      }
    } else if (node.isObject()) {
      node.properties().forEach(e -> collect(e.getValue(), at + "/" + e.getKey(), problems));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), at + "/" + i, problems);
      }
    }
  }

  /** {@code message} with its placeholders replaced by {@code values} (a new tree). */
  public static JsonNode fill(JsonNode message, Map<String, String> values) {
    return fill(message, values, false);
  }

  private static JsonNode fill(JsonNode node, Map<String, String> values, boolean inUrl) {
    if (node.isString()) {
      return StringNode.valueOf(replace(node.asString(), values, inUrl));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object
          .properties()
          .forEach(
              e ->
                  copy.set(
                      e.getKey(), fill(e.getValue(), values, URL_FIELDS.contains(e.getKey()))));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(item -> copy.add(fill(item, values, inUrl)));
      return copy;
    }
    return node;
  }

  private static String replace(String text, Map<String, String> values, boolean inUrl) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        value = m.group();
      } else if (inUrl) {
        value = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
