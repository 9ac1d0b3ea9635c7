package io.wxrelay.schemas.inbound;

/** {@code wechat.event.view}: a menu link opened; {@code eventKey} is the URL. */
public record ViewEvent(
    String toUserName, String openid, long createTime, String eventKey, String menuId)
    implements InboundData {}
