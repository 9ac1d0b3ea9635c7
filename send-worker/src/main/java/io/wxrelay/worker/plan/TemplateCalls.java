package io.wxrelay.worker.plan;

import io.wxrelay.schemas.command.TemplateSend;
import tools.jackson.databind.json.JsonMapper;

/** The plan of a template message (docs/wechat-api.md §9). */
final class TemplateCalls {
  private final JsonMapper mapper;

  TemplateCalls(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** message/template/send: not built yet. */
  CallPlan send(CommandRef cmd, TemplateSend c) {
    throw new UnsupportedOperationException("not built yet: message/template/send " + mapper);
  }
}
