package io.wxrelay.sim.api;

import io.wxrelay.sim.account.Follower;
import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.tags.TagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The user tag APIs (docs/wechat-api.md §8): tags/{create,get,update,delete},
 * tags/members/{batchtagging,batchuntagging}, user/tag/get and tags/getidlist.
 */
public final class TagApi {
  private static final int MAX_OPENIDS = 50;

  private final ApiContext context;

  public TagApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("tags/create", this::create);
    router.authorized("tags/get", this::list);
    router.authorized("tags/update", this::update);
    router.authorized("tags/delete", this::delete);
    router.authorized("tags/members/batchtagging", this::batchTagging);
    router.authorized("tags/members/batchuntagging", this::batchUntagging);
    router.authorized("user/tag/get", this::members);
    router.authorized("tags/getidlist", this::tagsOfUser);
  }

  private Object create(ApiRouter.Call call) {
    TagStore.Tag tag = store(call).create(call.body().path("tag").path("name").asString(""));
    return Map.of("tag", Responses.fields("id", tag.id(), "name", tag.name()));
  }

  private Object list(ApiRouter.Call call) {
    List<Map<String, Object>> tags = new ArrayList<>();
    for (TagStore.Tag tag : store(call).list()) {
      tags.add(Responses.fields("id", tag.id(), "name", tag.name(), "count", tag.count()));
    }
    return Map.of("tags", tags);
  }

  private Object update(ApiRouter.Call call) {
    JsonNode tag = call.body().path("tag");
    store(call).update(id(tag.path("id")), tag.path("name").asString(""));
    return Responses.ok("ok");
  }

  private Object delete(ApiRouter.Call call) {
    store(call).delete(id(call.body().path("tag").path("id")));
    return Responses.ok("ok");
  }

  private Object batchTagging(ApiRouter.Call call) {
    List<String> openids = openids(call.body());
    Population.Tagging result = store(call).tag(openids, id(call.body().path("tagid")));
    return partial(result.failed());
  }

  private Object batchUntagging(ApiRouter.Call call) {
    List<String> openids = openids(call.body());
    return partial(store(call).untag(openids, id(call.body().path("tagid"))));
  }

  /** 45171 lists the OpenIDs that failed; the others were changed (WeChat's partial answer). */
  private static Object partial(List<String> failed) {
    if (failed.isEmpty()) {
      return Responses.ok("ok");
    }
    throw WeChatError.SOME_OPENID_FAIL.exception().with(Map.of("fail_openid_list", failed));
  }

  private Object members(ApiRouter.Call call) {
    int tagId = id(call.body().path("tagid"));
    store(call).checkExists(tagId);
    Population population = context.accounts().population(call.appid());
    return OpenidPages.page(population, tagId, call.text("next_openid"), null);
  }

  private Object tagsOfUser(ApiRouter.Call call) {
    Follower.View user =
        context
            .accounts()
            .population(call.appid())
            .view(String.valueOf(call.text("openid")))
            .filter(Follower.View::following)
            .orElseThrow(WeChatError.INVALID_OPENID::exception);
    return Map.of("tagid_list", user.tags().stream().sorted().toList());
  }

  private static List<String> openids(JsonNode body) {
    JsonNode list = body.path("openid_list");
    if (!list.isArray() || list.isEmpty() || list.size() > MAX_OPENIDS) {
      throw WeChatError.OPENID_LIST_SIZE.exception();
    }
    List<String> openids = new ArrayList<>();
    list.forEach(id -> openids.add(id.asString("")));
    return openids;
  }

  /** A tag id, given as a number or a string of digits; 45159 for anything else. */
  private static int id(JsonNode node) {
    if (node.canConvertToInt() || node.isString() && node.asString().matches("\\d{1,9}")) {
      return node.asInt();
    }
    throw WeChatError.INVALID_TAG_ID.exception();
  }

  private TagStore store(ApiRouter.Call call) {
    return context.tags().of(call.appid());
  }
}
