package io.wxrelay.gateway.parse;

import io.wxrelay.gateway.callback.rejection.Rejection;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent.Article;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * PUBLISHJOBFINISH (docs/wechat-api.md §13.2): its fields are in {@code PublishEventInfo}, in
 * lower-case snake_case unlike the header; {@code article_detail/item} is one object or a list of
 * them, and each failed article is a {@code <fail_idx>} element of its own (one, or repeated). Its
 * id is the task's {@code publish_id}, so WeChat's retries of the push dedupe.
 */
final class PublishJobFinishMapper {
  private static final String INFO = "PublishEventInfo";

  PublishJobFinishEvent map(Fields f) {
    JsonNode info = info(f);
    return new PublishJobFinishEvent(
        f.to(),
        f.openid(),
        f.createTime(),
        publishId(f),
        number(info, "publish_status"),
        text(info, "article_id"),
        articles(info.path("article_detail")),
        failed(info.get("fail_idx")));
  }

  /** The event id of a PUBLISHJOBFINISH: {@code publish-<publish_id>}. */
  static String eventId(String appid, Fields f) {
    return "publish-" + publishId(f);
  }

  /** The publish_id as its digits: a bare number in the push, quoted in some. */
  static String publishId(Fields f) {
    String id = text(info(f), "publish_id");
    if (id == null || !Fields.DIGITS.matcher(id.trim()).matches()) {
      throw new Rejection(400, "bad_message", "PublishEventInfo/publish_id is not a number");
    }
    return id.trim();
  }

  private static JsonNode info(Fields f) {
    JsonNode info = f.node(INFO);
    if (info == null || !info.isObject()) {
      throw new Rejection(400, "bad_message", "missing " + INFO);
    }
    return info;
  }

  private static List<Article> articles(JsonNode detail) {
    JsonNode item = detail.path("item");
    List<JsonNode> items =
        item.isArray() ? item.valueStream().toList() : item.isObject() ? List.of(item) : List.of();
    List<Article> articles = new ArrayList<>();
    for (JsonNode one : items) {
      articles.add(new Article(number(one, "idx"), orEmpty(text(one, "article_url"))));
    }
    return articles;
  }

  private static List<Integer> failed(JsonNode failIdx) {
    if (failIdx == null) {
      return List.of();
    }
    List<JsonNode> values = failIdx.isArray() ? failIdx.valueStream().toList() : List.of(failIdx);
    List<Integer> indexes = new ArrayList<>();
    for (JsonNode value : values) {
      String text = value.isValueNode() ? value.asString().trim() : "";
      if (!text.isEmpty()) {
        indexes.add(parse("fail_idx", text));
      }
    }
    return indexes;
  }

  private static int number(JsonNode node, String name) {
    String value = text(node, name);
    if (value == null || value.isBlank()) {
      throw new Rejection(400, "bad_message", "missing " + INFO + "/" + name);
    }
    return parse(name, value.trim());
  }

  private static int parse(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new Rejection(400, "bad_message", INFO + "/" + name + " is not an integer");
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || !value.isValueNode() ? null : value.asString();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
