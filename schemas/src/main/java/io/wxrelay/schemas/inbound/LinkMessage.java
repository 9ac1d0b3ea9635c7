package io.wxrelay.schemas.inbound;

/** {@code wechat.message.link}. */
public record LinkMessage(
    String toUserName,
    String openid,
    long createTime,
    String msgId,
    String title,
    String description,
    String url,
    String msgDataId,
    Integer idx)
    implements InboundData {}
