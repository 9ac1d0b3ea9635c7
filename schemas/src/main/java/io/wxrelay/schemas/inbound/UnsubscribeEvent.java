package io.wxrelay.schemas.inbound;

/** {@code wechat.event.unsubscribe}: the user unfollowed. */
public record UnsubscribeEvent(String toUserName, String openid, long createTime)
    implements InboundData {}
