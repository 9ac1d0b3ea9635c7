package io.wxrelay.schemas.command;

/** {@code wechat.tags.get}: the account's tags. No fields. */
public record TagsGet() implements CommandData {}
