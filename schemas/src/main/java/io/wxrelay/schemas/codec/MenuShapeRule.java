package io.wxrelay.schemas.codec;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractViolation.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * WeChat's menu rules that JSON Schema cannot state (docs/wechat-api.md §11.1): lengths in UTF-8
 * bytes (a schema's maxLength counts characters), a button either opening sub-buttons or having a
 * type, the field each type needs, and a conditional menu's rule naming no sex, region or language
 * (65320). Runs after the schema, so the shape (counts, known fields) is already right.
 */
final class MenuShapeRule {
  static final int TOP_NAME_BYTES = 16;
  static final int SUB_NAME_BYTES = 60;
  static final int KEY_BYTES = 128;
  static final int URL_BYTES = 1024;

  private static final Set<String> PRIVACY_FIELDS =
      Set.of("sex", "country", "province", "city", "language");

  /** The fields a button of each type must carry. */
  private static final Map<String, List<String>> NEEDS =
      Map.ofEntries(
          Map.entry("click", List.of("key")),
          Map.entry("scancode_push", List.of("key")),
          Map.entry("scancode_waitmsg", List.of("key")),
          Map.entry("pic_sysphoto", List.of("key")),
          Map.entry("pic_photo_or_album", List.of("key")),
          Map.entry("pic_weixin", List.of("key")),
          Map.entry("location_select", List.of("key")),
          Map.entry("view", List.of("url")),
          Map.entry("miniprogram", List.of("url", "appid", "pagepath")),
          Map.entry("media_id", List.of("media_id")),
          Map.entry("article_id", List.of("article_id")),
          Map.entry("article_view_limited", List.of("article_id")));

  private MenuShapeRule() {}

  /** What breaks WeChat's menu rules in the {@code data} of a record of {@code type}. */
  static List<Problem> problems(EventType type, JsonNode data) {
    if (type != EventType.MENU_CREATE && type != EventType.MENU_CONDITIONAL_ADD) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    JsonNode buttons = data.path("button");
    for (int i = 0; i < buttons.size(); i++) {
      String at = "/data/button/" + i;
      JsonNode button = buttons.get(i);
      top(button, at, problems);
      JsonNode subs = button.path("sub_button");
      for (int j = 0; j < subs.size(); j++) {
        acts(subs.get(j), at + "/sub_button/" + j, SUB_NAME_BYTES, problems);
      }
    }
    JsonNode rule = data.path("matchrule");
    for (String field : rule.propertyNames()) {
      if (PRIVACY_FIELDS.contains(field)) {
        problems.add(
            new Problem(
                "/data/matchrule/" + field,
                "WeChat refuses menus matched by sex, region or language (65320); use tag_id"));
      }
    }
    return problems;
  }

  /** A top button: sub-buttons and no type, or a type and what it needs. */
  private static void top(JsonNode button, String at, List<Problem> problems) {
    if (!button.has("sub_button")) {
      acts(button, at, TOP_NAME_BYTES, problems);
      return;
    }
    bytes(button, "name", TOP_NAME_BYTES, at, problems);
    if (button.has("type")) {
      problems.add(
          new Problem(at + "/type", "a button that opens sub_button has no type of its own"));
    }
  }

  /** A button that acts: its type, the fields that type needs, and their lengths in bytes. */
  private static void acts(JsonNode button, String at, int nameBytes, List<Problem> problems) {
    bytes(button, "name", nameBytes, at, problems);
    bytes(button, "key", KEY_BYTES, at, problems);
    bytes(button, "url", URL_BYTES, at, problems);
    String type = button.path("type").asString("");
    if (type.isEmpty()) {
      problems.add(new Problem(at, "a button without sub_button needs a type"));
      return;
    }
    for (String field : NEEDS.getOrDefault(type, List.of())) {
      if (!button.has(field)) {
        problems.add(new Problem(at + "/" + field, "a " + type + " button needs " + field));
      }
    }
  }

  private static void bytes(
      JsonNode button, String field, int max, String at, List<Problem> problems) {
    JsonNode value = button.get(field);
    if (value == null || !value.isString()) {
      return;
    }
    int length = value.asString().getBytes(StandardCharsets.UTF_8).length;
    if (length > max) {
      problems.add(
          new Problem(
              at + "/" + field, "is " + length + " UTF-8 bytes; WeChat takes at most " + max));
    }
  }
}
