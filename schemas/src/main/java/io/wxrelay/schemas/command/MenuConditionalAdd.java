package io.wxrelay.schemas.command;

import java.util.List;

/**
 * {@code wechat.menu.conditional.add}: a conditional (personalized) menu shown to the users its
 * {@code matchrule} matches (menu/addconditional); the result's response carries its {@code
 * menuid}.
 */
public record MenuConditionalAdd(List<MenuButton> button, MenuMatchRule matchrule)
    implements CommandData {}
