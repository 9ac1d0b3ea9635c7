package io.wxrelay.schemas.outcome;

/**
 * {@code wechat.template.finished}: WeChat's TEMPLATESENDJOBFINISH matched to the {@code
 * wechat.template.send} command whose msgid it reports, keyed by the command id.
 *
 * @param status WeChat's Status as pushed ({@code success}, {@code failed:user block}, ...)
 * @param succeeded whether {@code status} is {@code success}
 * @param eventId id of the {@code wechat.event.templatesendjobfinish} event
 */
public record TemplateFinished(
    String commandId,
    long msgId,
    String openid,
    String status,
    boolean succeeded,
    String eventId) {}
