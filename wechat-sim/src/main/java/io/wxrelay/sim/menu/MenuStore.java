package io.wxrelay.sim.menu;

import io.wxrelay.sim.rules.WeChatError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One account's menus (docs/wechat-api.md §11): the default menu and the conditional menus, newest
 * last, each with its menuid. Thread-safe: every method holds this store's lock.
 */
public final class MenuStore {
  /** Conditional menus one account may have; WeChat answers 65305 over its limit. */
  public static final int MAX_CONDITIONAL = 20;

  private static final Set<String> PRIVACY_FIELDS =
      Set.of("sex", "country", "province", "city", "language");
  private static final Set<String> RULE_FIELDS = Set.of("tag_id", "client_platform_type");

  /**
   * A menu as stored.
   *
   * @param matchrule null for the default menu
   */
  public record Menu(long menuid, ArrayNode buttons, ObjectNode matchrule) {
    /**
     * The button a user taps: the first whose name is {@code name} (top buttons, then each one's
     * sub-buttons, in order), or the one at {@code path} ({@code i} or {@code i/j}, from 0).
     *
     * @throws IllegalArgumentException when this menu has no such button, or it opens a sub-menu
     *     (which pushes nothing)
     */
    public JsonNode button(String name, String path) {
      JsonNode found = name != null ? byName(name) : byPath(path);
      if (found == null || found.isMissingNode()) {
        throw new IllegalArgumentException(
            "menu " + menuid + " has no button " + (name != null ? "named " + name : "at " + path));
      }
      if (!found.path("sub_button").isEmpty()) {
        throw new IllegalArgumentException(
            "button "
                + found.path("name").asString()
                + " opens a sub-menu; tap one of its buttons");
      }
      return found;
    }

    private JsonNode byName(String name) {
      for (JsonNode top : buttons) {
        if (top.path("name").asString("").equals(name)) {
          return top;
        }
        for (JsonNode sub : top.path("sub_button")) {
          if (sub.path("name").asString("").equals(name)) {
            return sub;
          }
        }
      }
      return null;
    }

    private JsonNode byPath(String path) {
      if (path == null || !path.matches("\\d/\\d|\\d")) {
        throw new IllegalArgumentException("a button is named by name or by path i or i/j");
      }
      String[] at = path.split("/");
      JsonNode top = buttons.path(Integer.parseInt(at[0]));
      return at.length == 1 ? top : top.path("sub_button").path(Integer.parseInt(at[1]));
    }
  }

  private Menu main;
  private final List<Menu> conditional = new ArrayList<>();
  private long nextId;

  /** A store whose menuids start at {@code firstId}. */
  public MenuStore(long firstId) {
    this.nextId = firstId;
  }

  /** Replaces the default menu (menu/create); conditional menus stay. */
  public synchronized long create(JsonNode buttons) {
    MenuRules.check(buttons);
    main = new Menu(nextId++, withSubButtons(buttons), null);
    return main.menuid();
  }

  /** menu/get's answer: the default menu and the conditional ones; 46003 when there is none. */
  public synchronized Map<String, Object> get() {
    if (main == null) {
      throw WeChatError.MENU_NOT_EXIST.exception();
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("menu", Map.of("button", main.buttons(), "menuid", main.menuid()));
    if (!conditional.isEmpty()) {
      answer.put(
          "conditionalmenu",
          conditional.stream()
              .map(
                  m ->
                      Map.of(
                          "button", m.buttons(), "matchrule", m.matchrule(), "menuid", m.menuid()))
              .toList());
    }
    return answer;
  }

  /** Deletes the default menu and every conditional menu (menu/delete). */
  public synchronized void delete() {
    main = null;
    conditional.clear();
  }

  /** Adds a conditional menu (menu/addconditional); its menuid. */
  public synchronized long addConditional(JsonNode buttons, JsonNode matchrule) {
    if (main == null) {
      throw WeChatError.NO_SELFMENU.exception();
    }
    if (!matchrule.isObject()
        || matchrule.propertyNames().stream()
            .noneMatch(f -> !matchrule.path(f).asString("").isEmpty())) {
      throw WeChatError.MATCH_RULE_EMPTY.exception();
    }
    if (matchrule.propertyNames().stream().anyMatch(PRIVACY_FIELDS::contains)) {
      throw WeChatError.MATCH_RULE_PRIVACY.exception();
    }
    MenuRules.check(buttons);
    if (conditional.size() >= MAX_CONDITIONAL) {
      throw WeChatError.MENU_COUNT_LIMIT.exception();
    }
    ObjectNode rule = (ObjectNode) matchrule.deepCopy();
    rule.propertyNames().stream()
        .filter(f -> !RULE_FIELDS.contains(f))
        .toList()
        .forEach(rule::remove);
    Menu menu = new Menu(nextId++, withSubButtons(buttons), rule);
    conditional.add(menu);
    return menu.menuid();
  }

  /** Deletes conditional menu {@code menuid} (menu/delconditional); 65301 when there is none. */
  public synchronized void deleteConditional(String menuid) {
    if (!conditional.removeIf(m -> String.valueOf(m.menuid()).equals(menuid))) {
      throw WeChatError.NOT_CONDITIONAL_MENU.exception();
    }
  }

  /**
   * The menu a user with {@code tags} sees: the newest conditional menu whose rule matches, else
   * the default menu. The simulator's users have no client platform, so a rule naming one does not
   * match them.
   */
  public synchronized Optional<Menu> menuFor(Set<Integer> tags) {
    for (Menu menu : conditional.reversed()) {
      JsonNode rule = menu.matchrule();
      String tag = rule.path("tag_id").asString("");
      boolean platform = !rule.path("client_platform_type").asString("").isEmpty();
      if (!platform && tag.matches("\\d{1,9}") && tags.contains(Integer.parseInt(tag))) {
        return Optional.of(menu);
      }
    }
    return Optional.ofNullable(main);
  }

  /** The buttons as menu/get shows them: every button carries {@code sub_button}, [] if none. */
  private static ArrayNode withSubButtons(JsonNode buttons) {
    ArrayNode copy = (ArrayNode) buttons.deepCopy();
    for (JsonNode button : copy) {
      ObjectNode top = (ObjectNode) button;
      if (!top.has("sub_button")) {
        top.putArray("sub_button");
      }
      for (JsonNode sub : top.get("sub_button")) {
        ((ObjectNode) sub).putArray("sub_button");
      }
    }
    return copy;
  }
}
