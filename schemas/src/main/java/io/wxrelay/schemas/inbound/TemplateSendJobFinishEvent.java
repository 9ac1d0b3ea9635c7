package io.wxrelay.schemas.inbound;

/** {@code wechat.event.templatesendjobfinish}: a template message's delivery status. */
public record TemplateSendJobFinishEvent(
    String toUserName, String openid, long createTime, long msgId, String status)
    implements InboundData {}
