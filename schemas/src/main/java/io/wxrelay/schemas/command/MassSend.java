package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * {@code wechat.mass.send}: broadcast to a list of at least two OpenIDs, of any length (the worker
 * splits it into calls of at most 10,000).
 */
public record MassSend(
    List<String> touser,
    @JsonUnwrapped MassMessage message,
    @JsonProperty("send_ignore_reprint") Integer sendIgnoreReprint)
    implements CommandData {}
