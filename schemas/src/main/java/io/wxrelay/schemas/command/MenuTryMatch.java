package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code wechat.menu.trymatch}: the menu user {@code user_id} (an OpenID or a WeChat id) would see
 * (menu/trymatch).
 */
public record MenuTryMatch(@JsonProperty("user_id") String userId) implements CommandData {}
