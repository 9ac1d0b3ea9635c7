package io.wxrelay.schemas.command;

/**
 * {@code wechat.menu.delete}: deletes the default menu and every conditional menu (menu/delete). No
 * fields.
 */
public record MenuDelete() implements CommandData {}
