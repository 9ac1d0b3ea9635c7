package io.wxrelay.schemas.inbound;

import java.util.Map;

/**
 * {@code wechat.event.other}: an Event wxrelay does not model, kept whole.
 *
 * @param event WeChat's Event name as pushed
 * @param fields every element of the push except the header, by WeChat's name
 */
public record OtherEvent(
    String toUserName, String openid, long createTime, String event, Map<String, Object> fields)
    implements InboundData {}
