package io.wxrelay.schemas.command;

/**
 * {@code wechat.users.sync}: every follower's OpenID, page by page, each page a {@code
 * wechat.users.page} record. No fields.
 */
public record UsersSync() implements CommandData {}
