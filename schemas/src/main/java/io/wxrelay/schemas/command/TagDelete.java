package io.wxrelay.schemas.command;

/** {@code wechat.tags.delete}: tag {@code id} deleted (its followers lose it). */
public record TagDelete(long id) implements CommandData {}
