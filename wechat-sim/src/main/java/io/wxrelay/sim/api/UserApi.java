package io.wxrelay.sim.api;

import io.wxrelay.sim.account.Follower;
import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.rules.WeChatError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The follower APIs (docs/wechat-api.md §10): user/get (pages of followers) and user/info/batchget
 * (user/info for up to 100 users).
 */
public final class UserApi {
  private static final int MAX_USERS = 100;

  private final ApiContext context;

  public UserApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("user/get", this::followers);
    router.authorized("user/info/batchget", this::batchGet);
  }

  /** The same followers a broadcast to all reaches, 10,000 a page. */
  private Object followers(ApiRouter.Call call) {
    Population population = context.accounts().population(call.appid());
    int total = population.following(null).size();
    return OpenidPages.page(population, null, call.request().param("next_openid"), total);
  }

  private Object batchGet(ApiRouter.Call call) {
    JsonNode list = call.body().path("user_list");
    if (!list.isArray() || list.isEmpty() || list.size() > MAX_USERS) {
      throw WeChatError.OPENID_LIST_SIZE.exception();
    }
    Population population = context.accounts().population(call.appid());
    List<Map<String, Object>> infos = new ArrayList<>();
    for (JsonNode item : list) {
      Follower.View user =
          population
              .view(item.path("openid").asString(""))
              .orElseThrow(WeChatError.INVALID_OPENID::exception);
      infos.add(info(user));
    }
    return Map.of("user_info_list", infos);
  }

  /**
   * user/info of one user. Since 2021-12-27 WeChat no longer fills nickname, sex, city, province,
   * country and headimgurl, but the keys are still there, empty.
   */
  private static Map<String, Object> info(Follower.View user) {
    if (!user.following()) {
      return Responses.fields("subscribe", 0, "openid", user.openid());
    }
    String scene = user.qrScene();
    boolean numeric = scene != null && scene.matches("\\d{1,9}");
    Map<String, Object> info =
        Responses.fields(
            "subscribe", 1,
            "openid", user.openid(),
            "nickname", "",
            "sex", 0,
            "language", "zh_CN",
            "city", "",
            "province", "",
            "country", "",
            "headimgurl", "",
            "subscribe_time", user.subscribedAt().getEpochSecond());
    info.putAll(
        Responses.fields(
            "remark",
            "",
            "groupid",
            0,
            "tagid_list",
            user.tags().stream().sorted().toList(),
            "subscribe_scene",
            scene == null ? "ADD_SCENE_OTHERS" : "ADD_SCENE_QR_CODE",
            "qr_scene",
            numeric ? Integer.parseInt(scene) : 0,
            "qr_scene_str",
            scene == null || numeric ? "" : scene));
    return info;
  }
}
