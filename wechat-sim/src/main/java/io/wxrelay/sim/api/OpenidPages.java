package io.wxrelay.sim.api;

import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.rules.WeChatError;
import java.util.List;
import java.util.Map;

/**
 * Pages of following users as user/get and user/tag/get answer them: at most 10,000 in a stable
 * order, {@code next_openid} the last OpenID of a non-empty page, and after the last page {@code
 * count} 0 with {@code next_openid} "" (docs/wechat-api.md §10.1: real pages repeat the last OpenID
 * and the next call comes back empty, so clients stop either way).
 */
final class OpenidPages {
  static final int PAGE_SIZE = 10_000;

  private OpenidPages() {}

  /**
   * The page after {@code after} of the followers (in {@code tagId}, or all); {@code total} is left
   * out when null. 40003 when {@code after} is not a user of the account.
   */
  static Map<String, Object> page(
      Population population, Integer tagId, String after, Integer total) {
    List<String> page =
        population
            .followingAfter(tagId, after, PAGE_SIZE)
            .orElseThrow(WeChatError.INVALID_OPENID::exception);
    if (page.isEmpty()) {
      return Responses.fields("total", total, "count", 0, "next_openid", "");
    }
    return Responses.fields(
        "total",
        total,
        "count",
        page.size(),
        "data",
        Map.of("openid", page),
        "next_openid",
        page.getLast());
  }
}
