package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code wechat.mass.get}: the state of a broadcast. */
public record MassGet(@JsonProperty("msg_id") long msgId) implements CommandData {}
