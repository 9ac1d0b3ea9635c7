package io.wxrelay.schemas.inbound;

import java.util.Map;

/**
 * {@code wechat.message.other}: a MsgType wxrelay does not model, kept whole.
 *
 * @param fields every element of the push except the header, by WeChat's name
 */
public record OtherMessage(
    String toUserName,
    String openid,
    long createTime,
    String msgType,
    String msgId,
    Map<String, Object> fields)
    implements InboundData {}
