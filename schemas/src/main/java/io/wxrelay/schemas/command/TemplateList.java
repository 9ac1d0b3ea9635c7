package io.wxrelay.schemas.command;

/** {@code wechat.template.list}: the account's templates. No fields. */
public record TemplateList() implements CommandData {}
