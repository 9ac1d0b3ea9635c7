package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code wechat.mass.delete}: by {@code msg_id} (optionally one 1-based article; 0 or absent is
 * all), or by article {@code url}.
 */
public record MassDelete(
    @JsonProperty("msg_id") Long msgId, @JsonProperty("article_idx") Integer articleIdx, String url)
    implements CommandData {}
