package io.wxrelay.schemas.inbound;

/** {@code wechat.event.click}: a menu click; {@code eventKey} is the menu item's key. */
public record ClickEvent(String toUserName, String openid, long createTime, String eventKey)
    implements InboundData {}
