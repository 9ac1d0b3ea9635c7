package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code wechat.users.info}: what WeChat says about up to 1,000 users (at most 100 a call); {@code
 * lang} may be null.
 */
public record UsersInfo(@JsonProperty("openid_list") List<String> openidList, String lang)
    implements CommandData {}
