package io.wxrelay.worker.plan;

import io.wxrelay.schemas.command.UsersInfo;
import io.wxrelay.worker.plan.Sends.Parts.Merge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plans of commands over lists of users: tagging and untagging any number of them, what WeChat
 * says about them, and the walk over every follower (docs/wechat-api.md §8, §10). All are
 * repeatable: (un)tagging a user twice leaves the same tags, and the others are reads.
 */
final class UserCalls {
  /** OpenIDs per batchtagging or batchuntagging call; more: 40032 (§8.2). */
  static final int MAX_TAGGING = 50;

  /** Users per user/info/batchget call; more: 40032 (§10.2). */
  static final int MAX_INFO = 100;

  private final JsonMapper mapper;

  UserCalls(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Tag or untag {@code openids} ({@code api}: batchtagging, batchuntagging): one call of {@code
   * {"openid_list":[...],"tagid":N}} per balanced part of at most 50.
   */
  CallPlan plan(CommandRef cmd, String api, long tagid, List<String> openids) {
    List<ApiCall.Part> parts = new ArrayList<>();
    for (List<String> part : CommandCalls.balanced(openids, MAX_TAGGING)) {
      ObjectNode body = mapper.createObjectNode();
      ArrayNode list = body.putArray("openid_list");
      part.forEach(list::add);
      body.put("tagid", tagid);
      parts.add(new ApiCall.Part(parts.size(), part.size(), new Request.Json(api, body)));
    }
    return cmd.plan(List.of(), new Sends.Parts(parts, new Merge.Counted()), true);
  }

  /**
   * user/info/batchget: one call of {@code {"user_list":[{"openid","lang"}]}} per balanced part of
   * at most 100 ({@code lang} only when given); the result lists WeChat's {@code user_info_list} in
   * the order asked.
   */
  CallPlan usersInfo(CommandRef cmd, UsersInfo c) {
    List<ApiCall.Part> parts = new ArrayList<>();
    for (List<String> part : CommandCalls.balanced(c.openidList(), MAX_INFO)) {
      ObjectNode body = mapper.createObjectNode();
      ArrayNode list = body.putArray("user_list");
      for (String openid : part) {
        ObjectNode user = list.addObject().put("openid", openid);
        if (c.lang() != null) {
          user.put("lang", c.lang());
        }
      }
      Request.Json request = new Request.Json("user/info/batchget", body);
      parts.add(new ApiCall.Part(parts.size(), part.size(), request));
    }
    return cmd.plan(List.of(), new Sends.Parts(parts, new Merge.Listed("user_info_list")), true);
  }

  /** user/get, page after page from the first (no {@code next_openid}). */
  CallPlan usersSync(CommandRef cmd) {
    ApiCall.Page first = new ApiCall.Page(0, new Request.Query("user/get", Map.of()));
    return cmd.plan(List.of(), new Sends.Walk(first), true);
  }
}
