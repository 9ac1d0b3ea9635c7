package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The payload objects of WeChat message bodies, with WeChat's own field names (see
 * common.schema.json). Each is the value of the key that {@code msgtype} names.
 */
public final class Payloads {
  private Payloads() {}

  /** {@code text}: the message text. */
  public record Text(String content) {}

  /** {@code mpnews}, {@code voice}, {@code image} (customer service): a media id. */
  public record MediaRef(@JsonProperty("media_id") String mediaId) {}

  /**
   * Broadcast {@code mpnews}: the {@code mediaId} of news uploaded before, or the {@code articles}
   * themselves, which the worker uploads first ({@code via} media/uploadnews, the default, or
   * draft/add).
   */
  public record MassNews(
      @JsonProperty("media_id") String mediaId, List<InlineArticle> articles, String via) {

    /** Whether the worker uploads the articles before the broadcast. */
    public boolean inline() {
      return articles != null;
    }

    /** Whether the news goes through draft/add (its thumbnails then permanent material). */
    public boolean viaDraft() {
      return "draft".equals(via);
    }
  }

  /** One article of an inline {@link MassNews}: {@code thumb} is the file of its cover. */
  public record InlineArticle(
      String title,
      MediaUpload.MediaFile thumb,
      String author,
      String digest,
      @JsonProperty("show_cover_pic") Integer showCoverPic,
      String content,
      @JsonProperty("content_source_url") String contentSourceUrl,
      @JsonProperty("need_open_comment") Integer needOpenComment,
      @JsonProperty("only_fans_can_comment") Integer onlyFansCanComment) {}

  /** {@code wxcard}: a card id. */
  public record WxCard(@JsonProperty("card_id") String cardId) {}

  /** Broadcast {@code images}: one or more image media ids. */
  public record MassImages(
      @JsonProperty("media_ids") List<String> mediaIds,
      String recommend,
      @JsonProperty("need_open_comment") Integer needOpenComment,
      @JsonProperty("only_fans_can_comment") Integer onlyFansCanComment) {}

  /** Broadcast {@code mpvideo}: media id from media/uploadvideo, title and description. */
  public record MpVideo(
      @JsonProperty("media_id") String mediaId, String title, String description) {}

  /** Customer-service {@code video}. */
  public record Video(
      @JsonProperty("media_id") String mediaId,
      @JsonProperty("thumb_media_id") String thumbMediaId,
      String title,
      String description) {}

  /** Customer-service {@code music}. */
  public record Music(
      String title,
      String description,
      String musicurl,
      String hqmusicurl,
      @JsonProperty("thumb_media_id") String thumbMediaId) {}

  /** Customer-service {@code news}: exactly one article (WeChat errcode 45008 for more). */
  public record News(List<NewsArticle> articles) {}

  /** One article of {@link News}. */
  public record NewsArticle(String title, String description, String url, String picurl) {}

  /** Customer-service {@code mpnewsarticle}: a published article. */
  public record MpNewsArticle(@JsonProperty("article_id") String articleId) {}

  /** Customer-service {@code msgmenu}: a message with reply options. */
  public record MsgMenu(
      @JsonProperty("head_content") String headContent,
      List<MenuItem> list,
      @JsonProperty("tail_content") String tailContent) {}

  /** One option of {@link MsgMenu}. */
  public record MenuItem(String id, String content) {}

  /** Customer-service {@code miniprogrampage}. */
  public record MiniProgramPage(
      String title,
      String appid,
      String pagepath,
      @JsonProperty("thumb_media_id") String thumbMediaId) {}

  /** Send as a given customer-service agent ({@code prefix@account}). */
  public record CustomService(@JsonProperty("kf_account") String kfAccount) {}
}
