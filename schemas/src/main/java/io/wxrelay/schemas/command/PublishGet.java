package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code wechat.publish.get}: the state of a publish task (freepublish/get) by its publish_id. */
public record PublishGet(@JsonProperty("publish_id") String publishId) implements CommandData {}
