package io.wxrelay.sim.api;

import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The media calls a broadcast needs, so later media ids are checked. */
class MediaTest {
  private final SimFixture f = new SimFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void uploadsNeedAKnownTypeAndAMultipartBody() {
    assertThat(f.upload("image")).startsWith("image_");
    assertThat(f.upload("hologram")).isEmpty();
    assertThat(
            errcode(
                f.wechat.post("/cgi-bin/media/upload?type=image&access_token=" + f.token, "{}")))
        .as("JSON is not a file")
        .isEqualTo(41005);
  }

  @Test
  void anUploadOverItsKindsSizeIsRefused() {
    assertThat(f.upload("thumb", 64 * 1024)).startsWith("thumb_");
    assertThat(f.upload("thumb", 64 * 1024 + 1)).as("40006").isEmpty();
    assertThat(f.upload("voice", 2 * 1024 * 1024 + 1)).isEmpty();
    assertThat(f.upload("image", 3 * 1024 * 1024)).startsWith("image_");
  }

  @Test
  void newsAndDraftsNeedRealThumbnailsAndVideosNeedAnUploadedVideo() {
    String thumb = f.upload("thumb");
    String article =
        "{\"articles\":[{\"title\":\"t\",\"content\":\"c\",\"thumb_media_id\":\"%s\"}]}";

    JsonNode news = f.call("media/uploadnews", article.formatted(thumb));
    assertThat(news.path("type").asString()).isEqualTo("news");
    assertThat(errcode(f.call("draft/add", article.formatted("nope")))).isEqualTo(40007);
    assertThat(
            errcode(
                f.call("media/uploadvideo", "{\"media_id\":\"" + thumb + "\",\"title\":\"v\"}")))
        .isEqualTo(40007);
    String video = f.upload("video");
    JsonNode mpvideo =
        f.call("media/uploadvideo", "{\"media_id\":\"" + video + "\",\"title\":\"v\"}");
    assertThat(mpvideo.path("media_id").asString()).startsWith("mpvideo_");
  }
}
