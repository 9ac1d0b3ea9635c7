package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.inbound.MassSendJobFinishEvent;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent.ArticleUrl;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent.ArticleUrlResult;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent.CheckItem;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent.CopyrightCheckResult;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * MASSSENDJOBFINISH with its counts and nested results (docs/wechat-api.md §3). Elements may be
 * present but empty; {@code ResultList/item} is one object or a list of them.
 */
final class MassJobFinishMapper {

  MassSendJobFinishEvent map(Fields f) {
    return new MassSendJobFinishEvent(
        f.to(),
        f.openid(),
        f.createTime(),
        Long.parseLong(f.requiredMsgIdNamed("MsgID")),
        f.required("Status"),
        f.count("TotalCount"),
        f.count("FilterCount"),
        f.count("SentCount"),
        f.count("ErrorCount"),
        copyright(f.node("CopyrightCheckResult")),
        urls(f.node("ArticleUrlResult")));
  }

  private static CopyrightCheckResult copyright(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    List<CheckItem> items = new ArrayList<>();
    for (JsonNode item : items(node)) {
      items.add(
          new CheckItem(
              integer(item, "ArticleIdx"),
              integer(item, "UserDeclareState"),
              integer(item, "AuditState"),
              text(item, "OriginalArticleUrl"),
              integer(item, "OriginalArticleType"),
              integer(item, "CanReprint"),
              integer(item, "NeedReplaceContent"),
              integer(item, "NeedShowReprintSource")));
    }
    return new CopyrightCheckResult(
        nonNegative(integer(node, "Count")), integer(node, "CheckState"), items);
  }

  private static ArticleUrlResult urls(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    List<ArticleUrl> items = new ArrayList<>();
    for (JsonNode item : items(node)) {
      items.add(new ArticleUrl(integer(item, "ArticleIdx"), text(item, "ArticleUrl")));
    }
    return new ArticleUrlResult(nonNegative(integer(node, "Count")), items);
  }

  private static List<JsonNode> items(JsonNode parent) {
    JsonNode item = parent.path("ResultList").path("item");
    if (item.isArray()) {
      return item.valueStream().toList();
    }
    return item.isObject() ? List.of(item) : List.of();
  }

  private static Integer nonNegative(Integer n) {
    return n == null ? null : Math.max(0, n);
  }

  private static Integer integer(JsonNode node, String name) {
    String value = text(node, name);
    try {
      return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || !value.isValueNode() ? null : value.asString();
  }
}
