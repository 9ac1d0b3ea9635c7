package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code wechat.material.delete}: one permanent material deleted by its {@code media_id}. */
public record MaterialDelete(@JsonProperty("media_id") String mediaId) implements CommandData {}
