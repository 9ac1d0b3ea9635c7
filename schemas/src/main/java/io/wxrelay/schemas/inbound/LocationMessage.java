package io.wxrelay.schemas.inbound;

/** {@code wechat.message.location}: WeChat's Location_X (latitude), Location_Y, Scale, Label. */
public record LocationMessage(
    String toUserName,
    String openid,
    long createTime,
    String msgId,
    double locationX,
    double locationY,
    Integer scale,
    String label,
    String msgDataId,
    Integer idx)
    implements InboundData {}
