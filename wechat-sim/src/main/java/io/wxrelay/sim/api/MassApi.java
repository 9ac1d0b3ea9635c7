package io.wxrelay.sim.api;

import io.wxrelay.sim.mass.MassJobs.Message;
import io.wxrelay.sim.mass.MassJobs.Status;
import io.wxrelay.sim.rules.WeChatError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** The broadcast APIs: message/mass/{sendall,send,preview,delete,get,speed/get,speed/set}. */
public final class MassApi {
  private static final int MAX_OPENIDS = 10_000;
  private static final int[] REALSPEED = {80, 60, 45, 30, 10}; // 万/min for speed 0..4

  private final ApiContext context;
  private final MessageBodies bodies;
  private final Map<String, Integer> speeds = new ConcurrentHashMap<>();

  public MassApi(ApiContext context) {
    this.context = context;
    this.bodies = new MessageBodies(context.media());
  }

  public void register(ApiRouter router) {
    router.authorized("message/mass/sendall", this::sendAll);
    router.authorized("message/mass/send", this::send);
    router.authorized("message/mass/preview", this::preview);
    router.authorized("message/mass/delete", this::delete);
    router.authorized("message/mass/get", this::get);
    router.authorized("message/mass/speed/get", this::speedGet);
    router.authorized("message/mass/speed/set", this::speedSet);
  }

  private Object sendAll(ApiRouter.Call call) {
    JsonNode filter = call.body().path("filter");
    boolean toAll = filter.path("is_to_all").asBoolean(false);
    JsonNode tag = filter.has("tag_id") ? filter.get("tag_id") : filter.path("group_id");
    if (!toAll && !tag.canConvertToInt()) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    if (!toAll && !context.tags().of(call.appid()).exists(tag.asInt())) {
      throw WeChatError.MASS_INVALID_TAG_ID.exception();
    }
    context.mass().admit(call.appid());
    Message message = bodies.broadcast(call.appid(), call.body());
    Integer tagId = toAll ? null : tag.asInt();
    // the followers carrying the tag now, at the call; later tagging does not change the audience
    List<String> targets = context.accounts().population(call.appid()).following(tagId);
    return submitted(call, toAll ? "all" : "tag:" + tagId, message, targets);
  }

  private Object send(ApiRouter.Call call) {
    JsonNode touser = call.body().path("touser");
    if (!touser.isArray() || touser.size() < 2 || touser.size() > MAX_OPENIDS) {
      throw WeChatError.INVALID_OPENID_LIST_SIZE.exception();
    }
    context.mass().admit(call.appid());
    Message message = bodies.broadcast(call.appid(), call.body());
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    touser.forEach(id -> targets.add(id.asString("")));
    return submitted(call, "openids:" + targets.hashCode(), message, new ArrayList<>(targets));
  }

  private Object submitted(
      ApiRouter.Call call, String scope, Message message, List<String> targets) {
    long msgId =
        context.mass().submit(call.appid(), call.text("clientmsgid"), scope, message, targets);
    return Responses.ok(
        "send job submission success",
        "msg_id",
        msgId,
        "msg_data_id",
        message.mpnews() ? msgId * 10 + 1 : null);
  }

  private Object preview(ApiRouter.Call call) {
    String touser = call.text("touser");
    String towxname = call.text("towxname");
    if (touser == null && towxname == null) {
      throw WeChatError.INVALID_OPENID.exception();
    }
    context.mass().admit(call.appid());
    Message message = bodies.broadcast(call.appid(), call.body());
    if (towxname == null && context.accounts().population(call.appid()).find(touser).isEmpty()) {
      throw WeChatError.INVALID_OPENID.exception();
    }
    // towxname wins when both are given (older doc)
    String recipient = towxname != null ? "wxname:" + towxname : touser;
    long msgId = context.mass().preview(call.appid(), recipient, message);
    return Responses.ok("preview success", "msg_id", msgId);
  }

  private Object delete(ApiRouter.Call call) {
    JsonNode msgId = call.body().path("msg_id");
    if (!msgId.canConvertToLong() && !msgId.isString()) {
      throw WeChatError.INVALID_MSG_ID.exception();
    }
    context.mass().delete(call.appid(), msgId.asLong());
    return Responses.ok("ok");
  }

  private Object get(ApiRouter.Call call) {
    long msgId = call.body().path("msg_id").asLong(0); // WeChat's own example sends it as a string
    Status status =
        context
            .mass()
            .status(call.appid(), msgId)
            .orElseThrow(WeChatError.INVALID_MSG_ID::exception);
    return Responses.fields("msg_id", msgId, "msg_status", status.name());
  }

  private Object speedGet(ApiRouter.Call call) {
    int speed = speeds.getOrDefault(call.appid(), 0);
    return Responses.fields("speed", speed, "realspeed", REALSPEED[speed]);
  }

  private Object speedSet(ApiRouter.Call call) {
    JsonNode speed = call.body().path("speed");
    if (!speed.canConvertToInt() || speed.asInt() < 0 || speed.asInt() > 4) {
      throw WeChatError.SPEED_OUT_OF_RANGE.exception();
    }
    speeds.put(call.appid(), speed.asInt());
    return Responses.ok("");
  }
}
