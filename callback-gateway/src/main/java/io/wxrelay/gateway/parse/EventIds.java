package io.wxrelay.gateway.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

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
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
      return "evt-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
