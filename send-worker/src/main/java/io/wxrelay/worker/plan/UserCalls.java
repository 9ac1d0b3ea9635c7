package io.wxrelay.worker.plan;

import io.wxrelay.schemas.command.UsersInfo;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plans of commands over lists of users: tagging and untagging any number of them, what WeChat
 * says about them, and the walk over every follower (docs/wechat-api.md §8, §10).
 */
final class UserCalls {
  private final JsonMapper mapper;

  UserCalls(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** Tag or untag {@code openids}: not built yet. */
  CallPlan plan(CommandRef cmd, String api, long tagid, List<String> openids) {
    throw new UnsupportedOperationException("not built yet: " + api + " " + mapper);
  }

  /** user/info/batchget: not built yet. */
  CallPlan usersInfo(CommandRef cmd, UsersInfo c) {
    throw new UnsupportedOperationException("not built yet: user/info/batchget");
  }

  /** user/get, page by page: not built yet. */
  CallPlan usersSync(CommandRef cmd) {
    throw new UnsupportedOperationException("not built yet: user/get");
  }
}
