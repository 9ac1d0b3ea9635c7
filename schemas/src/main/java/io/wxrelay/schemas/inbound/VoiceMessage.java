package io.wxrelay.schemas.inbound;

/** {@code wechat.message.voice}; {@code recognition} only when the account enabled it. */
public record VoiceMessage(
    String toUserName,
    String openid,
    long createTime,
    String msgId,
    String mediaId,
    String format,
    String recognition,
    String msgDataId,
    Integer idx)
    implements InboundData {}
