package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code wechat.custom.send}: a customer-service message to one user. WeChat's own body. */
public record CustomSend(String touser, @JsonUnwrapped CustomMessage message)
    implements CommandData {}
