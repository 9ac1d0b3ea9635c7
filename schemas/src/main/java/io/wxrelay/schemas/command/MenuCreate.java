package io.wxrelay.schemas.command;

import java.util.List;

/**
 * {@code wechat.menu.create}: the account's default menu, replaced whole (menu/create). WeChat's
 * {@code {"button":[...]}}.
 */
public record MenuCreate(List<MenuButton> button) implements CommandData {}
