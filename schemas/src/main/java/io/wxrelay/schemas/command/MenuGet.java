package io.wxrelay.schemas.command;

/** {@code wechat.menu.get}: the menus set through the API (menu/get). No fields. */
public record MenuGet() implements CommandData {}
