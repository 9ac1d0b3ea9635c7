package io.wxrelay.worker.wechat;

import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.command.Payloads.MassNews;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The call of a {@code wechat.media.upload}: {@code kind} picks WeChat's API (image, voice, video,
 * thumb: media/upload, or material/add_material when {@code permanent}; articleImage:
 * media/uploadimg; news: media/uploadnews; draft: draft/add; mpvideo: media/uploadvideo). A file's
 * bytes come inline (base64) or from its URL ({@link MediaFetcher}), and are checked against
 * WeChat's limits before the call ({@link MediaLimits}). Repeating an upload whose answer was lost
 * makes at most a second copy of the material: repeatable. An inline news broadcast's steps are
 * made here too ({@link #newsSteps}).
 */
final class MediaCalls {
  /** The step that makes an inline news; a broadcast of it takes this step's media_id. */
  static final String NEWS_STEP = "news";

  private final JsonMapper mapper;
  private final MediaFetcher fetcher;

  MediaCalls(JsonMapper mapper, MediaFetcher fetcher) {
    this.mapper = mapper;
    this.fetcher = fetcher;
  }

  CallPlan plan(String id, String type, String appid, MediaUpload c) {
    boolean permanent = Boolean.TRUE.equals(c.permanent());
    ApiCall call =
        switch (c.kind()) {
          case "news" -> ApiCall.of("media/uploadnews", articles(c));
          case "draft" -> ApiCall.of("draft/add", articles(c));
          case "mpvideo" -> ApiCall.of("media/uploadvideo", mpvideo(c));
          case "articleImage" -> ApiCall.upload("media/uploadimg", file(c, null), empty());
          default ->
              ApiCall.upload(
                  permanent ? "material/add_material" : "media/upload",
                  file(c, c.kind()),
                  c.video() == null ? empty() : mapper.valueToTree(c.video()));
        };
    return new CallPlan(id, type, appid, List.of(call), true, null);
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
  List<ApiCall> newsSteps(MassNews news) {
    List<ApiCall> steps = new ArrayList<>();
    Map<MediaUpload.MediaFile, String> thumbSteps = new HashMap<>();
    List<ApiCall.Fill> thumbs = new ArrayList<>();
    ArrayNode articles = mapper.createArrayNode();
    for (int i = 0; i < news.articles().size(); i++) {
      InlineArticle article = news.articles().get(i);
      String step = thumbSteps.get(article.thumb());
      if (step == null) {
        step = "thumb-" + i;
        thumbSteps.put(article.thumb(), step);
        ApiCall.Upload thumb = file(article.thumb(), "thumb", news.viaDraft(), "thumb");
        String api = news.viaDraft() ? "material/add_material" : "media/upload";
        steps.add(ApiCall.upload(api, thumb, empty()).asStep(step));
      }
      ObjectNode body = mapper.valueToTree(article);
      body.remove("thumb");
      body.put("thumb_media_id", "");
      articles.add(body);
      thumbs.add(new ApiCall.Fill("/articles/" + i + "/thumb_media_id", step));
    }
    ObjectNode body = mapper.createObjectNode();
    body.set("articles", articles);
    String api = news.viaDraft() ? "draft/add" : "media/uploadnews";
    steps.add(ApiCall.of(api, body).asStep(NEWS_STEP).filling(thumbs));
    return steps;
  }

  private ApiCall.Upload file(MediaUpload c, String wechatType) {
    return file(c.file(), c.kind(), Boolean.TRUE.equals(c.permanent()), wechatType);
  }

  /**
   * {@code file} as WeChat's {@code wechatType}, loaded when its call comes: fetched or decoded,
   * then checked as a {@code kind} upload.
   */
  private ApiCall.Upload file(
      MediaUpload.MediaFile file, String kind, boolean permanent, String wechatType) {
    return new ApiCall.Upload(
        wechatType,
        file.filename(),
        () -> {
          byte[] bytes = file.base64() == null ? fetcher.fetch(file.url()) : decode(file.base64());
          MediaLimits.check(kind, permanent, bytes);
          return bytes;
        });
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidCommandException("file.base64 is not base64: " + e.getMessage());
    }
  }

  private ObjectNode empty() {
    return mapper.createObjectNode();
  }
}
