package io.wxrelay.schemas.inbound;

/** {@code wechat.message.text}. {@code msgDataId}/{@code idx} only when sent from an article. */
public record TextMessage(
    String toUserName,
    String openid,
    long createTime,
    String msgId,
    String content,
    String msgDataId,
    Integer idx)
    implements InboundData {}
