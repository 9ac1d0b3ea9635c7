package io.wxrelay.cli.send;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * What a succeeded command's response says, for people: the tags as a table, a tag's members, a
 * user's tags, the templates, the industries, the users asked about, a follower sync's totals, the
 * material library ({@link MaterialLines}) and menus as a tree. Commands whose result line says all
 * print nothing more.
 */
final class ResponseLines {
  private ResponseLines() {}

  /** The lines for a result of {@code commandType}; {@code pages} are a follower sync's pages. */
  static List<String> of(String commandType, JsonNode result, List<JsonNode> pages) {
    JsonNode response = result.path("response");
    if (!"SUCCEEDED".equals(result.path("status").asString()) || !response.isObject()) {
      return List.of();
    }
    return switch (commandType) {
      case "wechat.tags.create" -> tagCreated(response.path("tag"));
      case "wechat.tags.get" -> tags(response.path("tags"));
      case "wechat.tags.members.get" -> members(response);
      case "wechat.tags.members.add", "wechat.tags.members.remove" -> tagging(response);
      case "wechat.tags.user.get" -> List.of("tags: " + joined(response.path("tagid_list")));
      case "wechat.template.list" -> templates(response.path("template_list"));
      case "wechat.template.industry.get" -> industries(response);
      case "wechat.users.info" -> users(response.path("user_info_list"));
      case "wechat.users.sync" -> synced(response, pages);
      case "wechat.material.count" -> MaterialLines.counted(response);
      case "wechat.material.list" -> MaterialLines.page(response);
      case "wechat.media.upload" -> MaterialLines.library(response);
      case "wechat.menu.get" -> MenuTree.ofMenus(response);
      case "wechat.menu.trymatch" -> MenuTree.buttons(response.path("button"));
      case "wechat.menu.create" -> menuKeys(response);
      case "wechat.menu.conditional.add" ->
          List.of("menuid " + response.path("menuid").asString(""));
      default -> List.of();
    };
  }

  private static List<String> tagCreated(JsonNode tag) {
    return List.of(
        String.format("tag %d: %s", tag.path("id").asLong(), tag.path("name").asString("")));
  }

  private static List<String> tags(JsonNode tags) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-8s %-30s %s", "id", "name", "count"));
    tags.forEach(
        tag ->
            lines.add(
                String.format(
                    "%-8d %-30s %,d",
                    tag.path("id").asLong(),
                    tag.path("name").asString(""),
                    tag.path("count").asLong())));
    return lines;
  }

  private static List<String> members(JsonNode response) {
    JsonNode openids = response.path("data").path("openid");
    String next = response.path("next_openid").asString("");
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%,d followers: %s", openids.size(), joined(openids)));
    if (!next.isEmpty() && !openids.isEmpty()) {
      lines.add("more after --next-openid " + next);
    }
    return lines;
  }

  private static List<String> tagging(JsonNode response) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%,d users in %d calls",
            response.path("openidCount").asLong(), response.path("calls").asInt()));
    JsonNode failed = response.path("fail_openid_list");
    if (!failed.isEmpty()) {
      lines.add(String.format("WeChat refused %,d of them: %s", failed.size(), joined(failed)));
    }
    return lines;
  }

  private static List<String> templates(JsonNode templates) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-44s %s", "template_id", "title"));
    templates.forEach(
        t ->
            lines.add(
                String.format(
                    "%-44s %s", t.path("template_id").asString(""), t.path("title").asString(""))));
    return lines;
  }

  private static List<String> industries(JsonNode response) {
    return List.of(
        "primary: " + industry(response.path("primary_industry")),
        "secondary: " + industry(response.path("secondary_industry")));
  }

  private static String industry(JsonNode industry) {
    return industry.path("first_class").asString("?")
        + " / "
        + industry.path("second_class").asString("?");
  }

  private static List<String> users(JsonNode users) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-30s %-9s %-12s %s", "openid", "subscribe", "since", "tags"));
    users.forEach(
        user ->
            lines.add(
                String.format(
                    "%-30s %-9s %-12s %s",
                    user.path("openid").asString(""),
                    user.path("subscribe").asInt() == 1 ? "yes" : "no",
                    user.path("subscribe_time").asString("-"),
                    joined(user.path("tagid_list")))));
    return lines;
  }

  private static List<String> synced(JsonNode response, List<JsonNode> pages) {
    long read = pages.stream().mapToLong(page -> page.path("openids").size()).sum();
    return List.of(
        String.format(
            "followers: %,d listed in %d pages (%,d in the pages read here), WeChat's total %,d",
            response.path("count").asLong(),
            response.path("pages").asInt(),
            read,
            response.path("total").asLong()));
  }

  /** What a created menu's keys and the reply rules' keys do not share, when anything. */
  private static List<String> menuKeys(JsonNode response) {
    List<String> lines = new ArrayList<>();
    JsonNode withoutRule = response.path("clickKeysWithoutRule");
    JsonNode notInMenu = response.path("ruleKeysNotInMenu");
    if (!withoutRule.isEmpty()) {
      lines.add("click keys no reply rule answers: " + joined(withoutRule));
    }
    if (!notInMenu.isEmpty()) {
      lines.add("reply rules' click keys on no menu: " + joined(notInMenu));
    }
    return lines;
  }

  static String joined(JsonNode values) {
    return StreamSupport.stream(values.spliterator(), false)
        .map(JsonNode::asString)
        .collect(Collectors.joining(", "));
  }
}
