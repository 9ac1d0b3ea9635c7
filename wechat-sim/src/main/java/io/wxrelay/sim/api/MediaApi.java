package io.wxrelay.sim.api;

import io.wxrelay.sim.media.MediaStore.Kind;
import io.wxrelay.sim.rules.WeChatError;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The media calls a broadcast needs, so that media ids used later are real: media/upload
 * (temporary), media/uploadimg, material/add_material, media/uploadnews, media/uploadvideo,
 * draft/add. Uploads must be multipart with a {@code media} part within WeChat's size for its kind;
 * their bytes are not kept.
 */
public final class MediaApi {
  private static final int KB = 1024;
  private static final int MB = 1024 * KB;

  private final ApiContext context;

  public MediaApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("media/upload", call -> upload(call, false));
    router.authorized("material/add_material", call -> upload(call, true));
    router.authorized("media/uploadimg", this::uploadImg);
    router.authorized("media/uploadnews", call -> news(call, "news"));
    router.authorized("draft/add", call -> news(call, null));
    router.authorized("media/uploadvideo", this::uploadVideo);
  }

  private Object upload(ApiRouter.Call call, boolean permanent) {
    Kind kind = kind(call.request().param("type"));
    requireMultipart(call);
    requireAtMost(
        call,
        switch (kind) {
          case VOICE -> 2 * MB;
          case THUMB -> 64 * KB;
          default -> 10 * MB;
        });
    String id = context.media().add(call.appid(), kind);
    long now = context.clock().instant().getEpochSecond();
    if (permanent) {
      return Responses.fields("media_id", id, "url", kind == Kind.IMAGE ? imageUrl() : null);
    }
    return Responses.fields(
        "type", kind.name().toLowerCase(Locale.ROOT), "media_id", id, "created_at", now);
  }

  private Object uploadImg(ApiRouter.Call call) {
    requireMultipart(call);
    requireAtMost(call, MB - 1);
    return Responses.fields("url", imageUrl());
  }

  private Object news(ApiRouter.Call call, String type) {
    JsonNode articles = call.body().path("articles");
    if (!articles.isArray() || articles.isEmpty() || articles.size() > 8) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    for (JsonNode article : articles) {
      String thumb = article.path("thumb_media_id").asString("");
      if (!context.media().has(call.appid(), thumb, Kind.THUMB, Kind.IMAGE)) {
        throw WeChatError.INVALID_MEDIA_ID.exception();
      }
    }
    String id = context.media().add(call.appid(), Kind.NEWS);
    long now = context.clock().instant().getEpochSecond();
    return type == null
        ? Responses.fields("media_id", id)
        : Responses.fields("type", type, "media_id", id, "created_at", now);
  }

  private Object uploadVideo(ApiRouter.Call call) {
    if (!context.media().has(call.appid(), call.text("media_id"), Kind.VIDEO)) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    String id = context.media().add(call.appid(), Kind.MPVIDEO);
    long now = context.clock().instant().getEpochSecond();
    return Responses.fields("type", "video", "media_id", id, "created_at", now);
  }

  private static Kind kind(String type) {
    return switch (type == null ? "" : type) {
      case "image" -> Kind.IMAGE;
      case "voice" -> Kind.VOICE;
      case "video" -> Kind.VIDEO;
      case "thumb" -> Kind.THUMB;
      default -> throw WeChatError.INVALID_MEDIA_TYPE.exception();
    };
  }

  private static void requireMultipart(ApiRouter.Call call) {
    String type = call.request().contentType();
    if (type == null
        || !type.startsWith("multipart/form-data")
        || call.request().body().length == 0) {
      throw WeChatError.MEDIA_MISSING.exception();
    }
  }

  /** WeChat's size limits per kind (docs/wechat-api.md): 40006 beyond them. */
  private static void requireAtMost(ApiRouter.Call call, int maxBytes) {
    int size =
        MultipartFile.mediaSize(call.request().contentType(), call.request().body())
            .orElseThrow(WeChatError.MEDIA_MISSING::exception);
    if (size > maxBytes) {
      throw WeChatError.INVALID_FILE_SIZE.exception();
    }
  }

  private static String imageUrl() {
    return "http://mmbiz.qpic.cn/sim/" + UUID.randomUUID().toString().replace("-", "") + "/0";
  }
}
