package io.wxrelay.sim.api;

import io.wxrelay.sim.account.Follower;
import io.wxrelay.sim.menu.MenuRules;
import io.wxrelay.sim.menu.MenuStore;
import io.wxrelay.sim.rules.WeChatError;
import java.util.Map;

/**
 * The custom menu APIs (docs/wechat-api.md §11): menu/create, menu/get, menu/delete,
 * menu/addconditional, menu/delconditional and menu/trymatch.
 */
public final class MenuApi {
  private final ApiContext context;

  public MenuApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("menu/create", this::create);
    router.authorized("menu/get", call -> store(call).get());
    router.authorized("menu/delete", this::delete);
    router.authorized("menu/addconditional", this::addConditional);
    router.authorized("menu/delconditional", this::deleteConditional);
    router.authorized("menu/trymatch", this::tryMatch);
  }

  private Object create(ApiRouter.Call call) {
    MenuRules.checkCharset(call.request().body());
    store(call).create(call.body().path("button"));
    return Responses.ok("ok");
  }

  private Object delete(ApiRouter.Call call) {
    store(call).delete();
    return Responses.ok("ok");
  }

  /** WeChat answers with the menuid alone, as a string. */
  private Object addConditional(ApiRouter.Call call) {
    MenuRules.checkCharset(call.request().body());
    long menuid =
        store(call).addConditional(call.body().path("button"), call.body().path("matchrule"));
    return Map.of("menuid", String.valueOf(menuid));
  }

  private Object deleteConditional(ApiRouter.Call call) {
    store(call).deleteConditional(call.body().path("menuid").asString(""));
    return Responses.ok("ok");
  }

  /** The buttons {@code user_id} sees: 65302 for no such follower, 46003 for no menu. */
  private Object tryMatch(ApiRouter.Call call) {
    Follower.View user =
        context
            .accounts()
            .population(call.appid())
            .view(call.body().path("user_id").asString(""))
            .filter(Follower.View::following)
            .orElseThrow(WeChatError.NO_SUCH_USER::exception);
    MenuStore.Menu menu =
        store(call).menuFor(user.tags()).orElseThrow(WeChatError.MENU_NOT_EXIST::exception);
    return Map.of("button", menu.buttons());
  }

  private MenuStore store(ApiRouter.Call call) {
    return context.menus().of(call.appid());
  }
}
