package io.wxrelay.worker.plan;

import io.wxrelay.schemas.command.Payloads.MassNews;
import io.wxrelay.schemas.command.PublishDelete;
import io.wxrelay.schemas.command.PublishGet;
import io.wxrelay.schemas.command.PublishSubmit;
import io.wxrelay.worker.plan.Request.Json;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plans of publishing (docs/wechat-api.md §13): freepublish/submit of a draft, made first from
 * inline articles as a broadcast's inline news via draft/add ({@link MediaCalls#newsSteps}); get
 * and delete, one call each.
 */
final class PublishCalls {
  /** The API a draft is published with; its answer's publish_id is linked to the command. */
  static final String SUBMIT_API = "freepublish/submit";

  private final JsonMapper mapper;
  private final MediaCalls media;

  PublishCalls(JsonMapper mapper, MediaCalls media) {
    this.mapper = mapper;
    this.media = media;
  }

  /**
   * The draft's steps when it comes inline (each thumbnail as permanent material, then draft/add;
   * each remembered under the command id, so a retry does not make a second draft), then the
   * submit. Not repeatable: a second submit of a draft publishes it a second time, and after a lost
   * answer no call can tell whether the first went through (freepublish/get needs the publish_id
   * the lost answer carried; batchget lists articles, not drafts or tasks), so the command ends
   * UNKNOWN.
   */
  CallPlan submit(CommandRef cmd, PublishSubmit c) {
    ObjectNode body = mapper.createObjectNode();
    if (!c.inline()) {
      body.put("media_id", c.mediaId());
      return cmd.one(new Json(SUBMIT_API, body), false);
    }
    body.put("media_id", "");
    List<ApiCall.Step> steps = media.newsSteps(new MassNews(null, c.articles(), "draft"));
    Json submit = new Json(SUBMIT_API, body, List.of(new Fill("/media_id", MediaCalls.NEWS_STEP)));
    return cmd.plan(steps, new Sends.One(new ApiCall.Plain(submit)), false);
  }

  /** freepublish/get: a read, repeatable. */
  CallPlan get(CommandRef cmd, PublishGet c) {
    return cmd.one(new Json("freepublish/get", mapper.valueToTree(c)), true);
  }

  /** freepublish/delete: a repeat would meet the article gone, so not repeatable. */
  CallPlan delete(CommandRef cmd, PublishDelete c) {
    ObjectNode body = mapper.createObjectNode().put("article_id", c.articleId());
    body.put("index", c.index() == null ? 0 : c.index());
    return cmd.one(new Json("freepublish/delete", body), false);
  }
}
