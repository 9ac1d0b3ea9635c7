package io.wxrelay.sim.api;

import io.wxrelay.sim.mass.MassJobs.Message;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.truth.Delivery;
import java.time.Instant;

/**
 * {@code message/custom/send}: a customer-service message, allowed only inside the window a user's
 * interaction opened (45015) and within its quota (45047), every message type checked.
 */
public final class CustomApi {
  private final ApiContext context;
  private final MessageBodies bodies;

  public CustomApi(ApiContext context) {
    this.context = context;
    this.bodies = new MessageBodies(context.media());
  }

  public void register(ApiRouter router) {
    router.authorized("message/custom/send", this::send);
  }

  private Object send(ApiRouter.Call call) {
    String touser = call.text("touser");
    if (touser == null || touser.isEmpty()) {
      throw WeChatError.INVALID_OPENID.exception();
    }
    Message message = bodies.custom(call.appid(), call.body());
    Instant now = context.clock().instant();
    int refused = context.accounts().population(call.appid()).takeCustomMessage(touser, now);
    if (refused != 0) {
      throw WeChatError.forCode(refused);
    }
    context
        .truth()
        .delivered(
            new Delivery(
                call.appid(),
                touser,
                "custom",
                0,
                null,
                message.msgtype(),
                message.summary(),
                now));
    return Responses.ok("ok");
  }
}
