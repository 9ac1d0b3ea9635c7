package io.wxrelay.cli.send;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A menu's buttons as a tree, for people: each button's name, type and key, url or media. */
final class MenuTree {
  private MenuTree() {}

  /** The lines of menu/get's answer: the default menu, then each conditional one with its rule. */
  static List<String> ofMenus(JsonNode response) {
    List<String> lines = new ArrayList<>();
    JsonNode menu = response.path("menu");
    lines.add("menu " + menu.path("menuid").asString("?"));
    lines.addAll(buttons(menu.path("button")));
    for (JsonNode conditional : response.path("conditionalmenu")) {
      lines.add(
          "conditional menu "
              + conditional.path("menuid").asString("?")
              + " for "
              + rule(conditional.path("matchrule")));
      lines.addAll(buttons(conditional.path("button")));
    }
    return lines;
  }

  /** The lines of {@code buttons}, one per button, sub-buttons indented under theirs. */
  static List<String> buttons(JsonNode buttons) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i++) {
      boolean last = i == buttons.size() - 1;
      JsonNode button = buttons.get(i);
      lines.add((last ? "└─ " : "├─ ") + button(button));
      JsonNode subs = button.path("sub_button");
      for (int j = 0; j < subs.size(); j++) {
        lines.add(
            (last ? "   " : "│  ") + (j == subs.size() - 1 ? "└─ " : "├─ ") + button(subs.get(j)));
      }
    }
    return lines;
  }

  private static String button(JsonNode button) {
    String type = button.path("type").asString("");
    if (type.isEmpty()) {
      return button.path("name").asString("");
    }
    String target =
        switch (type) {
          case "view" -> button.path("url").asString("");
          case "miniprogram" ->
              button.path("appid").asString("") + " " + button.path("pagepath").asString("");
          case "media_id" -> button.path("media_id").asString("");
          case "article_id", "article_view_limited" -> button.path("article_id").asString("");
          default -> button.path("key").asString("");
        };
    return button.path("name").asString("") + "  [" + type + "] " + target;
  }

  private static String rule(JsonNode rule) {
    List<String> parts = new ArrayList<>();
    rule.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asString()));
    return String.join(", ", parts);
  }
}
