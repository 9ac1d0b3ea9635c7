package io.wxrelay.sim.api;

import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.token.TokenAuthority.Grant;
import tools.jackson.databind.JsonNode;

/** {@code GET cgi-bin/token} and {@code POST cgi-bin/stable_token}, with their checks. */
public final class TokenApi {
  private final ApiContext context;

  public TokenApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.open("token", this::classic);
    router.open("stable_token", this::stable);
  }

  private Object classic(ApiRouter.Call call) {
    var request = call.request();
    AppConfig app =
        admit(
            "token",
            request.param("grant_type"),
            request.param("appid"),
            request.param("secret"),
            request.remoteIp());
    return answer("cgi-bin/token", app, context.tokens().classic(app.appid()));
  }

  private Object stable(ApiRouter.Call call) {
    JsonNode body = call.body();
    if (!body.isObject()) {
      throw WeChatError.INVALID_JSON.exception(); // stable_token takes a JSON body only
    }
    AppConfig app =
        admit(
            "stable_token",
            call.text("grant_type"),
            call.text("appid"),
            call.text("secret"),
            call.request().remoteIp());
    boolean force = body.path("force_refresh").asBoolean(false);
    return answer("cgi-bin/stable_token", app, context.tokens().stable(app.appid(), force));
  }

  private AppConfig admit(String api, String grantType, String appid, String secret, String ip) {
    context.truth().call(api, appid == null ? "?" : appid);
    if (!"client_credential".equals(grantType)) {
      throw WeChatError.INVALID_GRANT_TYPE.exception();
    }
    AppConfig app = context.accounts().app(appid).orElseThrow(WeChatError.INVALID_APPID::exception);
    if (!app.secret().equals(secret)) {
      throw WeChatError.INVALID_APPSECRET.exception();
    }
    if (!app.ipWhitelist().isEmpty() && !app.ipWhitelist().contains(ip)) {
      throw WeChatError.forCode(40164)
          .withMessage("invalid ip " + ip + " ipv6 ::ffff:" + ip + ", not in whitelist");
    }
    return app;
  }

  private Object answer(String endpoint, AppConfig app, Grant grant) {
    if (grant.issued()) {
      context.truth().tokenIssued(endpoint, app.appid());
    }
    return Responses.fields("access_token", grant.accessToken(), "expires_in", grant.expiresIn());
  }
}
