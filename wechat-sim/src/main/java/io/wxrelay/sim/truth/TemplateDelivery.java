package io.wxrelay.sim.truth;

import java.time.Instant;
import java.util.Map;

/**
 * A template message WeChat accepted for a user (one per msgid; a client_msg_id duplicate adds
 * none).
 *
 * @param clientMsgId the send's client_msg_id, or null
 * @param url the jump link, or null
 * @param data each data key's value
 */
public record TemplateDelivery(
    String appid,
    String openid,
    String templateId,
    long msgId,
    String clientMsgId,
    String url,
    Map<String, String> data,
    Instant at) {

  public TemplateDelivery {
    data = Map.copyOf(data);
  }
}
