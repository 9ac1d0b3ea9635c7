package io.wxrelay.schemas.inbound;

/** {@code wechat.event.location}: the user's reported position (WeChat's LOCATION). */
public record LocationEvent(
    String toUserName,
    String openid,
    long createTime,
    double latitude,
    double longitude,
    Double precision)
    implements InboundData {}
