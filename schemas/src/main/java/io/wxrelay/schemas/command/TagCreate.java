package io.wxrelay.schemas.command;

/** {@code wechat.tags.create}: a new user tag named {@code name} (at most 30 characters). */
public record TagCreate(String name) implements CommandData {}
