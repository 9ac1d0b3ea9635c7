package io.wxrelay.schemas.command;

/** {@code wechat.template.industry.get}: the account's industries. No fields. */
public record TemplateIndustryGet() implements CommandData {}
