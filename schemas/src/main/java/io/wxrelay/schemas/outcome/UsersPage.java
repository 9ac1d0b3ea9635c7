package io.wxrelay.schemas.outcome;

import java.util.List;

/**
 * {@code wechat.users.page}: one page of the followers a {@code wechat.users.sync} command listed,
 * keyed by the command id and published before its result.
 *
 * @param page this page's number in its run, from 0
 * @param total WeChat's follower total when the page was read
 * @param nextOpenid WeChat's {@code next_openid} after this page
 */
public record UsersPage(
    String commandId, int page, long total, List<String> openids, String nextOpenid) {}
