package io.wxrelay.schemas.command;

/** {@code wechat.tags.update}: tag {@code id} renamed {@code name}. */
public record TagUpdate(long id, String name) implements CommandData {}
