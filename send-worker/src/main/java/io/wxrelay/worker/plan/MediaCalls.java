package io.wxrelay.worker.plan;

import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.command.Payloads.MassNews;
import io.wxrelay.worker.media.MediaFile;
import io.wxrelay.worker.plan.Request.Json;
import io.wxrelay.worker.plan.Request.Upload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The call of a {@code wechat.media.upload}: {@code kind} picks WeChat's API (image, voice, video,
 * thumb: media/upload, or material/add_material when {@code permanent}; articleImage:
 * media/uploadimg; news: media/uploadnews; draft: draft/add; mpvideo: media/uploadvideo). A file
 * comes inline (base64) or from its URL, loaded and checked against WeChat's limits when its call
 * comes ({@link io.wxrelay.worker.media}). Repeating an upload whose answer was lost makes at most
 * a second copy of the material: repeatable. An inline news broadcast's steps are made here too
 * ({@link #newsSteps}).
 */
final class MediaCalls {
  /** The step that makes an inline news; a broadcast of it takes this step's media_id. */
  static final String NEWS_STEP = "news";

  private final JsonMapper mapper;

  MediaCalls(JsonMapper mapper) {
    this.mapper = mapper;
  }

  CallPlan plan(CommandRef cmd, MediaUpload c) {
    boolean permanent = Boolean.TRUE.equals(c.permanent());
    Request request =
        switch (c.kind()) {
          case "news" -> new Json("media/uploadnews", articles(c));
          case "draft" -> new Json("draft/add", articles(c));
          case "mpvideo" -> new Json("media/uploadvideo", mpvideo(c));
          case "articleImage" ->
              new Upload(
                  "media/uploadimg",
                  Optional.empty(),
                  file(c.file(), c.kind(), permanent),
                  empty());
          default ->
              new Upload(
                  permanent ? "material/add_material" : "media/upload",
                  Optional.of(c.kind()),
                  file(c.file(), c.kind(), permanent),
                  c.video() == null ? empty() : mapper.valueToTree(c.video()));
        };
    return cmd.one(request, true);
  }

  /** media/uploadvideo: the uploaded video, and the title and description the broadcast shows. */
  private ObjectNode mpvideo(MediaUpload c) {
    ObjectNode body = mapper.createObjectNode();
    body.put("media_id", c.mediaId());
    body.put("title", c.video().title());
    body.put("description", c.video().introduction() == null ? "" : c.video().introduction());
    return body;
  }

  private ObjectNode articles(MediaUpload c) {
    ObjectNode body = mapper.createObjectNode();
    body.set("articles", mapper.valueToTree(c.articles()));
    return body;
  }

  /**
   * The steps that make an inline news: each article's thumbnail uploaded (step {@code thumb-<i>},
   * once per distinct file; permanent material when the news goes via draft/add, which takes no
   * other), then the news (step {@code news}) with their media ids. A broadcast after them takes
   * {@code news}.
   */
  List<ApiCall.Step> newsSteps(MassNews news) {
    List<ApiCall.Step> steps = new ArrayList<>();
    Map<MediaUpload.MediaFile, String> thumbSteps = new HashMap<>();
    List<Fill> thumbs = new ArrayList<>();
    ArrayNode articles = mapper.createArrayNode();
    for (int i = 0; i < news.articles().size(); i++) {
      InlineArticle article = news.articles().get(i);
      String step = thumbSteps.get(article.thumb());
      if (step == null) {
        step = "thumb-" + i;
        thumbSteps.put(article.thumb(), step);
        steps.add(new ApiCall.Step(step, thumb(article.thumb(), news.viaDraft())));
      }
      ObjectNode body = mapper.valueToTree(article);
      body.remove("thumb");
      body.put("thumb_media_id", "");
      articles.add(body);
      thumbs.add(new Fill("/articles/" + i + "/thumb_media_id", step));
    }
    ObjectNode body = mapper.createObjectNode();
    body.set("articles", articles);
    String api = news.viaDraft() ? "draft/add" : "media/uploadnews";
    steps.add(new ApiCall.Step(NEWS_STEP, new Json(api, body, thumbs)));
    return steps;
  }

  /** The upload of an article's thumbnail: permanent material for a draft, which takes no other. */
  private Upload thumb(MediaUpload.MediaFile thumb, boolean viaDraft) {
    String api = viaDraft ? "material/add_material" : "media/upload";
    return new Upload(api, Optional.of("thumb"), file(thumb, "thumb", viaDraft), empty());
  }

  /** {@code file} as the command gives it, to be checked as a {@code kind} upload. */
  private static MediaFile file(MediaUpload.MediaFile file, String kind, boolean permanent) {
    MediaFile.Source source =
        file.base64() == null
            ? new MediaFile.Remote(file.url())
            : new MediaFile.Inline(file.base64());
    return new MediaFile(file.filename(), source, kind, permanent);
  }

  private ObjectNode empty() {
    return mapper.createObjectNode();
  }
}
