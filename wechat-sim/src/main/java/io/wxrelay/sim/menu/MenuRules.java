package io.wxrelay.sim.menu;

import io.wxrelay.sim.rules.WeChatError;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What menu/create and menu/addconditional check in a menu's buttons, with WeChat's codes
 * (docs/wechat-api.md §11.1): 1–3 top buttons (40016), 1–5 sub-buttons (40023), a known type
 * (40017/40024), names of at most 16/60 bytes (40018/40025), keys of at most 128 bytes and present
 * where the type needs one (40019/40026), urls of at most 1024 bytes and present for view and
 * miniprogram (40020/40027), and no {@code \}{@code uXXXX} escapes in the raw body (40033).
 */
public final class MenuRules {
  private static final Set<String> KEYED =
      Set.of(
          "click",
          "scancode_push",
          "scancode_waitmsg",
          "pic_sysphoto",
          "pic_photo_or_album",
          "pic_weixin",
          "location_select");
  private static final Set<String> LINKED = Set.of("view", "miniprogram");
  private static final Set<String> TYPES =
      Set.of(
          "click",
          "view",
          "scancode_push",
          "scancode_waitmsg",
          "pic_sysphoto",
          "pic_photo_or_album",
          "pic_weixin",
          "location_select",
          "media_id",
          "article_id",
          "article_view_limited",
          "miniprogram");
  private static final Pattern ESCAPE = Pattern.compile("\\\\u[0-9a-fA-F]{4}");

  private MenuRules() {}

  /** 40033 when the raw body spells a character as a {@code \}{@code uXXXX} escape. */
  public static void checkCharset(byte[] rawBody) {
    if (ESCAPE.matcher(new String(rawBody, StandardCharsets.UTF_8)).find()) {
      throw WeChatError.INVALID_CHARSET.exception();
    }
  }

  /** The buttons of a menu; the first rule broken is WeChat's answer. */
  public static void check(JsonNode buttons) {
    if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 3) {
      throw WeChatError.INVALID_BUTTON_SIZE.exception();
    }
    for (JsonNode button : buttons) {
      if (button.has("sub_button")) {
        parent(button);
      } else {
        acting(button, Level.TOP);
      }
    }
  }

  private static void parent(JsonNode button) {
    limit(button, "name", 1, 16, WeChatError.INVALID_BUTTON_NAME_SIZE);
    JsonNode subs = button.get("sub_button");
    if (!subs.isArray() || subs.isEmpty() || subs.size() > 5) {
      throw WeChatError.INVALID_SUB_BUTTON_SIZE.exception();
    }
    for (JsonNode sub : subs) {
      acting(sub, Level.SUB);
    }
  }

  /** The codes of a top button's rules and of a sub-button's. */
  private enum Level {
    TOP(
        16,
        WeChatError.INVALID_BUTTON_TYPE,
        WeChatError.INVALID_BUTTON_NAME_SIZE,
        WeChatError.INVALID_BUTTON_KEY_SIZE,
        WeChatError.INVALID_BUTTON_URL_SIZE),
    SUB(
        60,
        WeChatError.INVALID_SUB_BUTTON_TYPE,
        WeChatError.INVALID_SUB_BUTTON_NAME_SIZE,
        WeChatError.INVALID_SUB_BUTTON_KEY_SIZE,
        WeChatError.INVALID_SUB_BUTTON_URL_SIZE);

    final int nameBytes;
    final WeChatError type;
    final WeChatError name;
    final WeChatError key;
    final WeChatError url;

    Level(int nameBytes, WeChatError type, WeChatError name, WeChatError key, WeChatError url) {
      this.nameBytes = nameBytes;
      this.type = type;
      this.name = name;
      this.key = key;
      this.url = url;
    }
  }

  private static void acting(JsonNode button, Level level) {
    String type = button.path("type").asString("");
    if (!TYPES.contains(type)) {
      throw level.type.exception();
    }
    limit(button, "name", 1, level.nameBytes, level.name);
    limit(button, "key", KEYED.contains(type) ? 1 : 0, 128, level.key);
    limit(button, "url", LINKED.contains(type) ? 1 : 0, 1024, level.url);
    if (type.equals("media_id") && !button.has("media_id")
        || type.startsWith("article_") && !button.has("article_id")) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    if (type.equals("miniprogram") && (!button.has("appid") || !button.has("pagepath"))) {
      throw WeChatError.INVALID_APPID.exception();
    }
  }

  private static void limit(JsonNode button, String field, int min, int max, WeChatError error) {
    int bytes = button.path(field).asString("").getBytes(StandardCharsets.UTF_8).length;
    if (bytes < min || bytes > max) {
      throw error.exception();
    }
  }
}
