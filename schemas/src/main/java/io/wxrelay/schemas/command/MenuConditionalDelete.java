package io.wxrelay.schemas.command;

/** {@code wechat.menu.conditional.delete}: deletes conditional menu {@code menuid}. */
public record MenuConditionalDelete(String menuid) implements CommandData {}
