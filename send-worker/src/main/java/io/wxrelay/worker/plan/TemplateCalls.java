package io.wxrelay.worker.plan;

import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.worker.plan.Request.Json;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The plan of a template message (docs/wechat-api.md §9.2). */
final class TemplateCalls {
  /** The API a template message is sent with. */
  static final String SEND_API = "message/template/send";

  /** WeChat sends one message per openid and client_msg_id within 10 minutes (§9.2). */
  static final Duration DEDUPE_WINDOW = Duration.ofMinutes(10);

  /**
   * Taken off the window for clock skew: the first attempt is bounded by a Kafka timestamp that
   * another machine's clock may have written, and WeChat's own clock counts the 10 minutes.
   */
  static final Duration SKEW_MARGIN = Duration.ofMinutes(1);

  /** A template send may be repeated while WeChat's dedupe still covers it, with the margin. */
  static final Repeatability REPEAT = Repeatability.within(DEDUPE_WINDOW.minus(SKEW_MARGIN));

  private final JsonMapper mapper;

  TemplateCalls(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * message/template/send with WeChat's body (touser, template_id, url, miniprogram, data; what is
   * null left out) and a {@code client_msg_id} derived from the command id as a broadcast's
   * clientmsgid is ({@link CommandCalls#clientmsgid}, chunk 0): the same across retries and
   * workers. WeChat publishes no length for it; it is kept within the 32 bytes WeChat allows a
   * clientmsgid (§7).
   */
  CallPlan send(CommandRef cmd, TemplateSend c) {
    ObjectNode body = mapper.valueToTree(c);
    body.put("client_msg_id", CommandCalls.clientmsgid(cmd.id(), 0));
    return cmd.one(new Json(SEND_API, body), REPEAT);
  }
}
