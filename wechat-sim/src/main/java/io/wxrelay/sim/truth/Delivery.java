package io.wxrelay.sim.truth;

import java.time.Instant;

/**
 * A message that reached a user.
 *
 * @param channel {@code mass}, {@code preview} or {@code custom}
 * @param msgId the broadcast's msg_id (0 for customer-service messages)
 * @param clientmsgid the broadcast's clientmsgid, or null
 * @param msgtype WeChat's msgtype
 * @param text the text content for text messages, else a payload summary
 */
public record Delivery(
    String appid,
    String openid,
    String channel,
    long msgId,
    String clientmsgid,
    String msgtype,
    String text,
    Instant at) {}
