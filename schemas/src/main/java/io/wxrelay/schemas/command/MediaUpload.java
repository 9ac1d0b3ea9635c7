package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code wechat.media.upload}: media a broadcast needs. {@code kind} picks WeChat's API (see the
 * schema); binary kinds carry {@code file}, {@code news} and {@code draft} carry articles, {@code
 * mpvideo} the {@code mediaId} of a video uploaded before and its {@code video} title.
 */
public record MediaUpload(
    String kind,
    Boolean permanent,
    MediaFile file,
    VideoInfo video,
    List<Article> articles,
    String mediaId)
    implements CommandData {

  /** An upload of a file or of articles (no {@code mediaId}). */
  public MediaUpload(
      String kind, Boolean permanent, MediaFile file, VideoInfo video, List<Article> articles) {
    this(kind, permanent, file, video, articles, null);
  }

  /** The bytes to upload: fetched from {@code url}, or inline {@code base64} for small files. */
  public record MediaFile(String url, String base64, String filename, String contentType) {}

  /** Title and introduction of a permanent video. */
  public record VideoInfo(String title, String introduction) {}

  /** One article of a news upload or a draft. */
  public record Article(
      String title,
      @JsonProperty("thumb_media_id") String thumbMediaId,
      String author,
      String digest,
      @JsonProperty("show_cover_pic") Integer showCoverPic,
      String content,
      @JsonProperty("content_source_url") String contentSourceUrl,
      @JsonProperty("need_open_comment") Integer needOpenComment,
      @JsonProperty("only_fans_can_comment") Integer onlyFansCanComment) {}
}
