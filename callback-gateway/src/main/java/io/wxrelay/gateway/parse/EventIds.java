package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.Ids;
import java.util.Locale;

/**
 * A push's event id, the key of the gateway's dedupe: WeChat retries a push with the same fields,
 * so its retries get the same id. A push with a WeChat id is {@code msg-<id>}; one without gets a
 * deterministic id from WeChat's rule, FromUserName + CreateTime (+ Event), to which wxrelay adds
 * the appid and the EventKey (two menu clicks in one second differ). The parts are hashed so the id
 * is short and safe whatever EventKey holds (a URL, for VIEW).
 */
final class EventIds {
  private EventIds() {}

  /** A message: its MsgId; one without (a type wxrelay does not model) by WeChat's rule. */
  static String message(String appid, Fields f) {
    String msgId = f.msgId("MsgId");
    if (msgId != null) {
      return "msg-" + msgId;
    }
    String msgType = f.required("MsgType").toLowerCase(Locale.ROOT);
    return of(appid, f.openid(), f.createTime(), msgType, null);
  }

  /** A {@code *JOBFINISH} event: its job's MsgID (upper-case D). */
  static String jobFinish(String appid, Fields f) {
    return "msg-" + f.requiredMsgIdNamed("MsgID");
  }

  /** Any other event, by WeChat's rule: the Event as pushed and its EventKey. */
  static String event(String appid, Fields f) {
    return of(appid, f.openid(), f.createTime(), f.required("Event"), f.text("EventKey"));
  }

  static String of(String appid, String openid, long createTime, String event, String eventKey) {
    String key =
        String.join(
            "\n",
            appid,
            openid,
            Long.toString(createTime),
            event,
            eventKey == null ? "" : eventKey);
    return "evt-" + Ids.sha256Hex(key).substring(0, 32); // the digest's first 16 bytes
  }
}
