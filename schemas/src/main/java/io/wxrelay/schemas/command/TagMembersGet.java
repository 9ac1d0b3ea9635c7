package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code wechat.tags.members.get}: one page of the followers carrying {@code tagid}, from {@code
 * nextOpenid} (null or empty: the first page).
 */
public record TagMembersGet(long tagid, @JsonProperty("next_openid") String nextOpenid)
    implements CommandData {}
