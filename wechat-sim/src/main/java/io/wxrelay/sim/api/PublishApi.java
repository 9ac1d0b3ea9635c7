package io.wxrelay.sim.api;

import io.wxrelay.sim.publish.PublishDesk;
import io.wxrelay.sim.publish.PublishDesk.Article;
import io.wxrelay.sim.publish.PublishDesk.Task;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.truth.Publication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The publishing APIs (docs/wechat-api.md §13.1): freepublish/submit, get, delete, getarticle and
 * batchget. submit answers publish_id as a string, get as a bare number, as WeChat does; both are
 * read either way.
 */
public final class PublishApi {
  private static final int MAX_BATCH = 20;

  private final ApiContext context;

  public PublishApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("freepublish/submit", this::submit);
    router.authorized("freepublish/get", this::get);
    router.authorized("freepublish/delete", this::delete);
    router.authorized("freepublish/getarticle", this::article);
    router.authorized("freepublish/batchget", this::batch);
  }

  private PublishDesk desk() {
    return context.publishing();
  }

  private Object submit(ApiRouter.Call call) {
    long publishId = desk().submit(call.appid(), call.text("media_id"));
    return Responses.ok("ok", "publish_id", Long.toString(publishId), "msg_data_id", publishId + 2);
  }

  private Object get(ApiRouter.Call call) {
    String id = call.text("publish_id");
    if (id == null || !id.trim().matches("[0-9]{1,18}")) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    Task task =
        desk()
            .task(call.appid(), Long.parseLong(id.trim()))
            .orElseThrow(WeChatError.INVALID_ARGUMENT::exception);
    Publication done = task.finished();
    if (done == null) {
      return Responses.fields(
          "publish_id", task.publishId(), "publish_status", 1, "fail_idx", List.of());
    }
    Map<String, Object> detail = null;
    if (done.articleId() != null) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < done.articleUrls().size(); i++) {
        items.add(Responses.fields("idx", i + 1, "article_url", done.articleUrls().get(i)));
      }
      detail = Responses.fields("count", items.size(), "item", items);
    }
    return Responses.fields(
        "publish_id",
        done.publishId(),
        "publish_status",
        done.publishStatus(),
        "article_id",
        done.articleId(),
        "article_detail",
        detail,
        "fail_idx",
        done.failIdx());
  }

  private Object delete(ApiRouter.Call call) {
    JsonNode index = call.body().path("index");
    desk().delete(call.appid(), call.text("article_id"), index.isNumber() ? index.asInt() : 0);
    return Responses.ok("ok");
  }

  private Object article(ApiRouter.Call call) {
    return Responses.fields(
        "news_item", items(desk().group(call.appid(), call.text("article_id"))));
  }

  private Object batch(ApiRouter.Call call) {
    int offset = call.body().path("offset").asInt(0);
    int count = call.body().path("count").asInt(0);
    if (offset < 0 || count < 1 || count > MAX_BATCH) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    List<String> ids = desk().published(call.appid());
    List<Map<String, Object>> page = new ArrayList<>();
    long now = context.clock().instant().getEpochSecond();
    for (String id :
        ids.subList(Math.min(offset, ids.size()), Math.min(offset + count, ids.size()))) {
      Map<String, Object> content =
          Responses.fields("news_item", items(desk().group(call.appid(), id)));
      page.add(Responses.fields("article_id", id, "content", content, "update_time", now));
    }
    return Responses.fields("total_count", ids.size(), "item_count", page.size(), "item", page);
  }

  private static List<Map<String, Object>> items(List<Article> group) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Article a : group) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("title", a.title());
      item.put("url", a.url());
      item.put("is_deleted", a.deleted());
      items.add(item);
    }
    return items;
  }
}
