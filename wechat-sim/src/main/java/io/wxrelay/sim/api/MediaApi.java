package io.wxrelay.sim.api;

import static io.wxrelay.sim.media.MediaStore.Lifetime.PERMANENT;
import static io.wxrelay.sim.media.MediaStore.Lifetime.TEMPORARY;

import io.wxrelay.sim.media.MediaStore.Kind;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.truth.Upload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The media calls a broadcast needs, so that media ids used later are real: media/upload
 * (temporary), media/uploadimg, material/add_material, media/uploadnews, media/uploadvideo,
 * draft/add. Uploads must be multipart with a {@code media} part of a size and format WeChat takes
 * for its kind ({@link UploadRules}); their bytes are not kept. Temporary media expires after 3
 * days, and a draft's thumbnails must be permanent material. The truth lists every upload.
 */
public final class MediaApi {
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
    String type = kind.name().toLowerCase(Locale.ROOT);
    UploadRules.check(type, permanent, file(call));
    if (permanent) {
      return material(call, kind, type);
    }
    String id = context.media().add(call.appid(), kind, TEMPORARY);
    context.truth().uploaded(new Upload(call.appid(), "media/upload", type, id));
    long now = context.clock().instant().getEpochSecond();
    return Responses.fields("type", type, "media_id", id, "created_at", now);
  }

  /** material/add_material: a new item of the account's library (45074 when its kind is full). */
  private Object material(ApiRouter.Call call, Kind kind, String type) {
    String url = kind == Kind.IMAGE ? imageUrl() : null;
    String name =
        MultipartFile.filename(call.request().body()).orElse(type + "." + extension(kind));
    String id = context.media().addMaterial(call.appid(), kind, name, url).mediaId();
    context.truth().uploaded(new Upload(call.appid(), "material/add_material", type, id));
    return Responses.fields("media_id", id, "url", url);
  }

  private static String extension(Kind kind) {
    return switch (kind) {
      case VOICE -> "mp3";
      case VIDEO -> "mp4";
      default -> "jpg";
    };
  }

  private Object uploadImg(ApiRouter.Call call) {
    UploadRules.check("uploadimg", true, file(call));
    String url = imageUrl();
    context.truth().uploaded(new Upload(call.appid(), "media/uploadimg", "image", url));
    return Responses.fields("url", url);
  }

  /**
   * media/uploadnews (temporary news; a thumb or image of either lifetime) or draft/add ({@code
   * type} null: a draft, whose thumbnails must be permanent material).
   */
  private Object news(ApiRouter.Call call, String type) {
    JsonNode articles = call.body().path("articles");
    if (!articles.isArray() || articles.isEmpty() || articles.size() > 8) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    boolean draft = type == null;
    for (JsonNode article : articles) {
      String thumb = article.path("thumb_media_id").asString("");
      boolean known =
          draft
              ? context.media().hasPermanent(call.appid(), thumb, Kind.THUMB, Kind.IMAGE)
              : context.media().has(call.appid(), thumb, Kind.THUMB, Kind.IMAGE);
      if (!known) {
        throw WeChatError.INVALID_MEDIA_ID.exception();
      }
    }
    String id = context.media().add(call.appid(), Kind.NEWS, draft ? PERMANENT : TEMPORARY);
    if (draft) {
      List<String> titles = new ArrayList<>();
      articles.forEach(a -> titles.add(a.path("title").asString("")));
      context.publishing().drafted(call.appid(), id, titles);
    }
    context
        .truth()
        .uploaded(new Upload(call.appid(), draft ? "draft/add" : "media/uploadnews", "news", id));
    long now = context.clock().instant().getEpochSecond();
    return draft
        ? Responses.fields("media_id", id)
        : Responses.fields("type", type, "media_id", id, "created_at", now);
  }

  private Object uploadVideo(ApiRouter.Call call) {
    if (!context.media().has(call.appid(), call.text("media_id"), Kind.VIDEO)) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    String id = context.media().add(call.appid(), Kind.MPVIDEO, TEMPORARY);
    context.truth().uploaded(new Upload(call.appid(), "media/uploadvideo", "mpvideo", id));
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

  /** The uploaded file: a multipart body's {@code media} part (41005 without one). */
  private static byte[] file(ApiRouter.Call call) {
    String type = call.request().contentType();
    if (type == null || !type.startsWith("multipart/form-data")) {
      throw WeChatError.MEDIA_MISSING.exception();
    }
    byte[] file =
        MultipartFile.media(type, call.request().body())
            .orElseThrow(WeChatError.MEDIA_MISSING::exception);
    if (file.length == 0) {
      throw WeChatError.MEDIA_MISSING.exception();
    }
    return file;
  }

  private static String imageUrl() {
    return "http://mmbiz.qpic.cn/sim/" + UUID.randomUUID().toString().replace("-", "") + "/0";
  }
}
