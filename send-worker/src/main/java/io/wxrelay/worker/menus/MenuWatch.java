package io.wxrelay.worker.menus;

import io.wxrelay.worker.plan.Request;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link MenuKeys} up to date from the menu calls WeChat accepted (menu/create,
 * addconditional, delconditional, delete, get) and checks the reply rules against them after each
 * ({@link ClickKeyCheck}). A create's result tells what the check found. All of it is advisory:
 * WeChat has already accepted the call, so a failing store is logged and counted ({@link
 * KeysTrouble}) and the result goes out as WeChat answered it (a create's without the two lists).
 */
public final class MenuWatch {
  private final MenuKeys keys;
  private final ClickKeyCheck check;
  private final JsonMapper mapper;

  public MenuWatch(MenuKeys keys, ClickKeyCheck check, JsonMapper mapper) {
    this.keys = keys;
    this.check = check;
    this.mapper = mapper;
  }

  /**
   * WeChat accepted {@code request} of {@code appid} with {@code answer}: the fields to add to the
   * result's response (a create's {@code clickKeysWithoutRule} and {@code ruleKeysNotInMenu}),
   * empty for any other call.
   */
  public Map<String, Object> answered(String appid, Request request, Map<String, Object> answer) {
    try {
      return remembered(appid, request, answer);
    } catch (RuntimeException e) {
      check.trouble().failed(appid, "remember " + request.api(), e);
      return Map.of();
    }
  }

  private Map<String, Object> remembered(
      String appid, Request request, Map<String, Object> answer) {
    JsonNode body = request instanceof Request.Json json ? json.body() : mapper.createObjectNode();
    switch (request.api()) {
      case "menu/create" -> keys.put(appid, MenuKeys.DEFAULT, clickKeys(body.path("button")));
      case "menu/addconditional" ->
          keys.put(appid, String.valueOf(answer.get("menuid")), clickKeys(body.path("button")));
      case "menu/delconditional" -> keys.remove(appid, body.path("menuid").asString());
      case "menu/delete" -> keys.replace(appid, Map.of());
      case "menu/get" -> keys.replace(appid, menus(mapper.valueToTree(answer)));
      default -> {
        return Map.of();
      }
    }
    ClickKeyCheck.Comparison found = check.check(appid);
    if (!request.api().equals("menu/create")) {
      return Map.of();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("clickKeysWithoutRule", found.clickKeysWithoutRule().stream().sorted().toList());
    fields.put("ruleKeysNotInMenu", found.ruleKeysNotInMenu().stream().sorted().toList());
    return fields;
  }

  /** menu/get's menus: the default one and each conditional one by its menuid. */
  private static Map<String, Set<String>> menus(JsonNode answer) {
    Map<String, Set<String>> menus = new LinkedHashMap<>();
    if (answer.has("menu")) {
      menus.put(MenuKeys.DEFAULT, clickKeys(answer.path("menu").path("button")));
    }
    for (JsonNode conditional : answer.path("conditionalmenu")) {
      menus.put(conditional.path("menuid").asString(), clickKeys(conditional.path("button")));
    }
    return menus;
  }

  /** The keys of the click buttons among {@code buttons} and their sub-buttons. */
  static Set<String> clickKeys(JsonNode buttons) {
    Set<String> keys = new LinkedHashSet<>();
    for (JsonNode button : buttons) {
      if (button.path("type").asString("").equals("click")) {
        keys.add(button.path("key").asString());
      }
      keys.addAll(clickKeys(button.path("sub_button")));
    }
    return keys;
  }
}
