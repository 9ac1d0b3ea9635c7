package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code wechat.mass.preview}: a broadcast shown to one user, by OpenID or by WeChat id. */
public record MassPreview(String touser, String towxname, @JsonUnwrapped MassMessage message)
    implements CommandData {}
