package io.wxrelay.schemas.command;

import io.wxrelay.schemas.command.Payloads.CustomService;
import io.wxrelay.schemas.command.Payloads.MediaRef;
import io.wxrelay.schemas.command.Payloads.MiniProgramPage;
import io.wxrelay.schemas.command.Payloads.MpNewsArticle;
import io.wxrelay.schemas.command.Payloads.MsgMenu;
import io.wxrelay.schemas.command.Payloads.Music;
import io.wxrelay.schemas.command.Payloads.News;
import io.wxrelay.schemas.command.Payloads.Text;
import io.wxrelay.schemas.command.Payloads.Video;
import io.wxrelay.schemas.command.Payloads.WxCard;

/**
 * A customer-service message body as WeChat spells it: {@code msgtype}, exactly one payload of that
 * name, and optionally {@code customservice.kf_account}. Used by {@link CustomSend} and as a QR
 * code's {@link QrCodeCreate#reply()}.
 */
public record CustomMessage(
    String msgtype,
    Text text,
    MediaRef image,
    MediaRef voice,
    Video video,
    Music music,
    News news,
    MediaRef mpnews,
    MpNewsArticle mpnewsarticle,
    MsgMenu msgmenu,
    WxCard wxcard,
    MiniProgramPage miniprogrampage,
    CustomService customservice) {

  public static CustomMessage text(String content) {
    return new CustomMessage(
        "text",
        new Text(content),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static CustomMessage image(String mediaId) {
    return new CustomMessage(
        "image",
        null,
        new MediaRef(mediaId),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** This message sent as the given agent ({@code prefix@account}). */
  public CustomMessage asAgent(String kfAccount) {
    return new CustomMessage(
        msgtype,
        text,
        image,
        voice,
        video,
        music,
        news,
        mpnews,
        mpnewsarticle,
        msgmenu,
        wxcard,
        miniprogrampage,
        new CustomService(kfAccount));
  }
}
