package io.wxrelay.schemas.inbound;

/** {@code wechat.message.video} and {@code wechat.message.shortvideo} (same fields). */
public record VideoMessage(
    String toUserName,
    String openid,
    long createTime,
    String msgId,
    String mediaId,
    String thumbMediaId,
    String msgDataId,
    Integer idx)
    implements InboundData {}
