package io.wxrelay.schemas.command;

/** {@code wechat.tags.user.get}: the tags of one user. */
public record UserTagsGet(String openid) implements CommandData {}
