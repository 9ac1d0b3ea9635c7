package io.wxrelay.sim.api;

import io.wxrelay.sim.media.MaterialLibrary;
import io.wxrelay.sim.media.MaterialLibrary.Type;
import io.wxrelay.sim.rules.WeChatError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The permanent material housekeeping APIs (docs/wechat-api.md §14): material/get_materialcount,
 * material/batchget_material (one page of a type, 1 to 20 items; temporary media never listed) and
 * material/del_material (40007 for an id the library does not hold, 48005 for one in use). The
 * library and its caps are {@link MaterialLibrary}; material/add_material fills it ({@link
 * MediaApi}).
 */
public final class MaterialApi {
  /** batchget_material's largest page. */
  static final int MAX_PAGE = 20;

  private final ApiContext context;

  public MaterialApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("material/get_materialcount", this::count);
    router.authorized("material/batchget_material", this::page);
    router.authorized("material/del_material", this::delete);
  }

  private Object count(ApiRouter.Call call) {
    Map<Type, Integer> counts = library().counts(call.appid());
    return Responses.fields(
        "voice_count", counts.get(Type.VOICE),
        "video_count", counts.get(Type.VIDEO),
        "image_count", counts.get(Type.IMAGE),
        "news_count", counts.get(Type.NEWS));
  }

  private Object page(ApiRouter.Call call) {
    Type type = Type.of(call.text("type"));
    int offset = number(call.body().path("offset"), 0, Integer.MAX_VALUE);
    int count = number(call.body().path("count"), 1, MAX_PAGE);
    MaterialLibrary.Page page = library().page(call.appid(), type, offset, count);
    List<Map<String, Object>> items = new ArrayList<>();
    for (MaterialLibrary.Item item : page.items()) {
      items.add(
          type == Type.NEWS
              ? Responses.fields(
                  "media_id",
                  item.mediaId(),
                  "content",
                  Map.of("news_item", List.of()),
                  "update_time",
                  item.updateTime())
              : Responses.fields(
                  "media_id",
                  item.mediaId(),
                  "name",
                  item.name(),
                  "update_time",
                  item.updateTime(),
                  "url",
                  item.url() == null ? "" : item.url()));
    }
    return Responses.fields("total_count", page.total(), "item_count", items.size(), "item", items);
  }

  private Object delete(ApiRouter.Call call) {
    String mediaId = call.text("media_id");
    if (mediaId == null || mediaId.isEmpty()) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    context.media().deleteMaterial(call.appid(), mediaId);
    return Responses.ok("ok");
  }

  /** An integer field within {@code min}..{@code max}; 40035 when it is missing or outside. */
  private static int number(JsonNode node, int min, int max) {
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw WeChatError.INVALID_ARGS.exception();
    }
    int value = node.asInt();
    if (value < min || value > max) {
      throw WeChatError.INVALID_ARGS.exception();
    }
    return value;
  }

  private MaterialLibrary library() {
    return context.media().library();
  }
}
