package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code wechat.tags.members.remove}: tag {@code tagid} taken from any number of users (at most 50
 * a call).
 */
public record TagMembersRemove(long tagid, @JsonProperty("openid_list") List<String> openidList)
    implements CommandData {}
