package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.Ids;

/**
 * Deterministic ids for pushes without a MsgId: WeChat's rule is FromUserName + CreateTime (+
 * Event); wxrelay adds the appid and the EventKey (two menu clicks in one second differ). The parts
 * are hashed so the id is short and safe whatever EventKey holds (a URL, for VIEW).
 */
final class EventIds {
  private EventIds() {}

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
