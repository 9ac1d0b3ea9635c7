package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code wechat.mass.sendall}: broadcast to all followers or one tag. WeChat's body without {@code
 * clientmsgid}, which the worker derives from the command id.
 */
public record MassSendAll(
    Filter filter,
    @JsonUnwrapped MassMessage message,
    @JsonProperty("send_ignore_reprint") Integer sendIgnoreReprint)
    implements CommandData {

  /** Everyone ({@code is_to_all}) or the followers with {@code tag_id}. */
  public record Filter(
      @JsonProperty("is_to_all") boolean isToAll, @JsonProperty("tag_id") Integer tagId) {

    public static Filter all() {
      return new Filter(true, null);
    }

    public static Filter tag(int tagId) {
      return new Filter(false, tagId);
    }
  }
}
