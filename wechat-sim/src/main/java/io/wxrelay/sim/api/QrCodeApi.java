package io.wxrelay.sim.api;

import io.wxrelay.sim.qrcode.QrPng;
import io.wxrelay.sim.qrcode.Tickets.Ticket;
import io.wxrelay.sim.rules.WeChatError;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * {@code qrcode/create} for WeChat's four action names with their scene limits (docs/wechat-api.md
 * §4), and {@code showqrcode?ticket=} answering a real, scannable PNG of the ticket's URL.
 */
public final class QrCodeApi {
  private static final long MAX_EXPIRE_SECONDS = 2_592_000; // 30 days
  private static final long DEFAULT_EXPIRE_SECONDS = 60;
  private static final long MAX_PERMANENT_SCENE_ID = 100_000;
  private static final long MAX_SCENE_ID = 0xFFFF_FFFFL;

  private final ApiContext context;

  public QrCodeApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("qrcode/create", this::create);
    router.open("showqrcode", this::show);
  }

  private Object create(ApiRouter.Call call) {
    JsonNode body = call.body();
    String action = body.path("action_name").asString("");
    JsonNode scene = body.path("action_info").path("scene");
    boolean permanent = action.startsWith("QR_LIMIT_");
    String sceneValue =
        switch (action) {
          case "QR_SCENE" -> sceneId(scene, MAX_SCENE_ID);
          case "QR_LIMIT_SCENE" -> sceneId(scene, MAX_PERMANENT_SCENE_ID);
          case "QR_STR_SCENE", "QR_LIMIT_STR_SCENE" -> sceneStr(scene);
          default -> throw WeChatError.INVALID_ACTION_NAME.exception();
        };
    Instant now = context.clock().instant();
    if (permanent) {
      Ticket ticket = context.tickets().create(call.appid(), sceneValue, null);
      return Responses.fields("ticket", ticket.ticket(), "url", ticket.url());
    }
    long expire =
        body.has("expire_seconds") ? body.get("expire_seconds").asLong(-1) : DEFAULT_EXPIRE_SECONDS;
    if (expire < 1 || expire > MAX_EXPIRE_SECONDS) {
      throw WeChatError.INVALID_ACTION_INFO.exception();
    }
    Ticket ticket = context.tickets().create(call.appid(), sceneValue, now.plusSeconds(expire));
    return Responses.fields(
        "ticket", ticket.ticket(), "expire_seconds", expire, "url", ticket.url());
  }

  private static String sceneId(JsonNode scene, long max) {
    JsonNode id = scene.path("scene_id");
    if (!id.canConvertToLong() || id.asLong() < 1 || id.asLong() > max) {
      throw WeChatError.INVALID_ACTION_INFO.exception();
    }
    return Long.toString(id.asLong());
  }

  private static String sceneStr(JsonNode scene) {
    String str = scene.path("scene_str").asString("");
    if (str.isEmpty() || str.length() > 64) {
      throw WeChatError.INVALID_ACTION_INFO.exception();
    }
    return str;
  }

  private Object show(ApiRouter.Call call) {
    context.truth().call("showqrcode", "-");
    return context
        .tickets()
        .find(call.request().param("ticket"), context.clock().instant())
        .map(t -> SimResponse.png(QrPng.render(t.url())))
        .orElseGet(() -> SimResponse.text(404, "no such ticket, or it expired\n"));
  }
}
