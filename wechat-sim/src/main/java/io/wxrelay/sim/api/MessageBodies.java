package io.wxrelay.sim.api;

import io.wxrelay.sim.mass.MassJobs.Message;
import io.wxrelay.sim.media.MediaStore;
import io.wxrelay.sim.media.MediaStore.Kind;
import io.wxrelay.sim.rules.WeChatError;
import tools.jackson.databind.JsonNode;

/**
 * Checks message bodies as WeChat does: a known {@code msgtype} (40008), its payload present, media
 * ids that exist, belong to the app and are of the right kind (40007).
 */
final class MessageBodies {
  private final MediaStore media;

  MessageBodies(MediaStore media) {
    this.media = media;
  }

  /** A broadcast body (mass/sendall, mass/send, mass/preview). */
  Message broadcast(String appid, JsonNode body) {
    String msgtype = body.path("msgtype").asString("");
    return switch (msgtype) {
      case "text" -> new Message("text", text(body.path("text")), false);
      case "mpnews" ->
          new Message("mpnews", "mpnews:" + mediaId(appid, body.path("mpnews"), Kind.NEWS), true);
      case "voice" ->
          new Message("voice", "voice:" + mediaId(appid, body.path("voice"), Kind.VOICE), false);
      case "mpvideo" ->
          new Message(
              "mpvideo", "mpvideo:" + mediaId(appid, body.path("mpvideo"), Kind.MPVIDEO), false);
      case "image" ->
          new Message(
              "image", "images:" + images(appid, body.path("images"), body.path("image")), false);
      case "wxcard" ->
          new Message("wxcard", "wxcard:" + required(body.path("wxcard").path("card_id")), false);
      default -> throw WeChatError.INVALID_MESSAGE_TYPE.exception();
    };
  }

  /** A customer-service body (message/custom/send); returns its delivery summary. */
  Message custom(String appid, JsonNode body) {
    String msgtype = body.path("msgtype").asString("");
    JsonNode payload = body.path(msgtype);
    String summary =
        switch (msgtype) {
          case "text" -> text(payload);
          case "image" -> "image:" + mediaId(appid, payload, Kind.IMAGE);
          case "voice" -> "voice:" + mediaId(appid, payload, Kind.VOICE);
          case "video" -> "video:" + mediaId(appid, payload, Kind.VIDEO);
          case "mpnews" -> "mpnews:" + mediaId(appid, payload, Kind.NEWS);
          case "music" -> "music:" + required(payload.path("musicurl"));
          case "news" -> "news:" + news(payload);
          case "mpnewsarticle" -> "mpnewsarticle:" + required(payload.path("article_id"));
          case "msgmenu" -> "msgmenu:" + menu(payload);
          case "wxcard" -> "wxcard:" + required(payload.path("card_id"));
          case "miniprogrampage" -> "miniprogrampage:" + required(payload.path("pagepath"));
          default -> throw WeChatError.INVALID_MESSAGE_TYPE.exception();
        };
    return new Message(msgtype, summary, false);
  }

  private static String text(JsonNode payload) {
    return required(payload.path("content"));
  }

  private String mediaId(String appid, JsonNode payload, Kind... kinds) {
    String id = payload.path("media_id").asString("");
    if (!media.has(appid, id, kinds)) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    return id;
  }

  private String images(String appid, JsonNode images, JsonNode single) {
    if (images.isMissingNode()) {
      return mediaId(appid, single, Kind.IMAGE); // WxJava sends image:{media_id} for one image
    }
    JsonNode ids = images.path("media_ids");
    if (!ids.isArray() || ids.isEmpty()) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    for (JsonNode id : ids) {
      if (!media.has(appid, id.asString(""), Kind.IMAGE)) {
        throw WeChatError.INVALID_MEDIA_ID.exception();
      }
    }
    return ids.size() + " images";
  }

  private static String news(JsonNode payload) {
    JsonNode articles = payload.path("articles");
    if (!articles.isArray() || articles.isEmpty()) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    if (articles.size() > 1) {
      throw WeChatError.ARTICLE_LIMIT.exception(); // one article since 2018-10-12
    }
    JsonNode article = articles.get(0);
    String url = article.path("url").asString("");
    // The link goes in the truth too: what a reader taps is what a test checks.
    return required(article.path("title")) + (url.isEmpty() ? "" : " " + url);
  }

  private static String menu(JsonNode payload) {
    JsonNode list = payload.path("list");
    if (!list.isArray() || list.isEmpty()) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    return list.size() + " options";
  }

  private static String required(JsonNode node) {
    String value = node.asString("");
    if (value.isEmpty()) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    return value;
  }
}
