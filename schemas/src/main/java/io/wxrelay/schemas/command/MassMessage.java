package io.wxrelay.schemas.command;

import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.command.Payloads.MassImages;
import io.wxrelay.schemas.command.Payloads.MassNews;
import io.wxrelay.schemas.command.Payloads.MediaRef;
import io.wxrelay.schemas.command.Payloads.MpVideo;
import io.wxrelay.schemas.command.Payloads.Text;
import io.wxrelay.schemas.command.Payloads.WxCard;
import java.util.List;

/**
 * A broadcast body as WeChat spells it: {@code msgtype} and exactly one payload, the one it names
 * (for {@code image} the payload key is {@code images}). Unwrapped into the broadcast commands.
 */
public record MassMessage(
    String msgtype,
    MassNews mpnews,
    Text text,
    MediaRef voice,
    MassImages images,
    MediaRef image,
    MpVideo mpvideo,
    WxCard wxcard) {

  public static MassMessage text(String content) {
    return new MassMessage("text", null, new Text(content), null, null, null, null, null);
  }

  public static MassMessage mpnews(String mediaId) {
    var news = new MassNews(mediaId, null, null);
    return new MassMessage("mpnews", news, null, null, null, null, null, null);
  }

  /**
   * News from {@code articles} the worker uploads first, {@code via} media/uploadnews ({@code
   * "uploadnews"} or null) or draft/add ({@code "draft"}).
   */
  public static MassMessage mpnews(List<InlineArticle> articles, String via) {
    var news = new MassNews(null, List.copyOf(articles), via);
    return new MassMessage("mpnews", news, null, null, null, null, null, null);
  }

  public static MassMessage voice(String mediaId) {
    return new MassMessage("voice", null, null, new MediaRef(mediaId), null, null, null, null);
  }

  public static MassMessage images(List<String> mediaIds) {
    var images = new MassImages(mediaIds, null, null, null);
    return new MassMessage("image", null, null, null, images, null, null, null);
  }

  /** One image by its media id, as {@code image: {media_id}} (WxJava's body for one image). */
  public static MassMessage image(String mediaId) {
    return new MassMessage("image", null, null, null, null, new MediaRef(mediaId), null, null);
  }

  public static MassMessage mpvideo(String mediaId, String title, String description) {
    var video = new MpVideo(mediaId, title, description);
    return new MassMessage("mpvideo", null, null, null, null, null, video, null);
  }

  public static MassMessage wxcard(String cardId) {
    return new MassMessage("wxcard", null, null, null, null, null, null, new WxCard(cardId));
  }
}
