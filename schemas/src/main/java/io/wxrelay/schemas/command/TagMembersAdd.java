package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code wechat.tags.members.add}: tag {@code tagid} given to any number of users (the worker calls
 * WeChat with at most 50 at a time).
 */
public record TagMembersAdd(long tagid, @JsonProperty("openid_list") List<String> openidList)
    implements CommandData {}
