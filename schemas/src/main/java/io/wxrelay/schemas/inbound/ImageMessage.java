package io.wxrelay.schemas.inbound;

/** {@code wechat.message.image}. */
public record ImageMessage(
    String toUserName,
    String openid,
    long createTime,
    String msgId,
    String picUrl,
    String mediaId,
    String msgDataId,
    Integer idx)
    implements InboundData {}
