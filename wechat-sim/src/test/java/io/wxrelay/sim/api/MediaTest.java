package io.wxrelay.sim.api;

import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.truth.Upload;
import java.time.Duration;
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
  void anUploadInAFormatItsKindDoesNotTakeIsRefused() {
    String png = SimFixture.file("image", 100);
    assertThat(errcode(f.uploadAnswer("media/upload", "thumb", png)))
        .as("a thumb is JPG")
        .isEqualTo(40005);
    assertThat(errcode(f.uploadAnswer("media/upload", "video", png))).isEqualTo(40005);
    assertThat(errcode(f.uploadAnswer("media/upload", "image", "BM" + "x".repeat(50))))
        .as("BMP only as permanent material")
        .isEqualTo(40005);
    assertThat(f.upload("material/add_material", "image", "BM" + "x".repeat(50)))
        .startsWith("image_");
    String wav = "RIFF\0\0\0\0WAVE" + "x".repeat(20);
    assertThat(errcode(f.uploadAnswer("media/upload", "voice", wav))).isEqualTo(40005);
    assertThat(f.upload("material/add_material", "voice", wav)).startsWith("voice_");
    assertThat(errcode(f.uploadAnswer("media/uploadimg", "", SimFixture.file("thumb", 100))))
        .isZero();
    assertThat(errcode(f.uploadAnswer("media/uploadimg", "", "GIF89a" + "x".repeat(20))))
        .as("an article image is JPG or PNG")
        .isEqualTo(40005);
  }

  @Test
  void temporaryMediaExpiresAfterThreeDaysAndPermanentMaterialDoesNot() {
    String image = f.upload("image");
    String material = f.uploadPermanent("image");
    String toAll =
        "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"image\",\"image\":{\"media_id\":\"%s\"}}";
    String preview = "{\"touser\":\"%s\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"%s\"}}";

    f.advance(Duration.ofDays(3).minusMinutes(1));
    assertThat(errcode(f.call("message/mass/preview", preview.formatted(f.user(0), image))))
        .isZero();
    f.advance(Duration.ofMinutes(1));
    assertThat(errcode(f.call("message/mass/preview", preview.formatted(f.user(0), image))))
        .as("3 days after its upload")
        .isEqualTo(40007);
    assertThat(errcode(f.call("message/mass/sendall", toAll.formatted(material)))).isZero();
  }

  @Test
  void theTruthListsEveryUpload() {
    String thumb = f.upload("thumb");
    String material = f.uploadPermanent("thumb");
    f.upload("media/upload", "thumb", SimFixture.file("image", 20)); // refused: not listed

    assertThat(f.sim.truth().uploads())
        .extracting(Upload::api, Upload::type, Upload::mediaId)
        .containsExactly(
            tuple("media/upload", "thumb", thumb),
            tuple("material/add_material", "thumb", material));
  }

  @Test
  void aDraftNeedsPermanentThumbnailsAndUploadnewsTakesTemporaryOnes() {
    String temporary = f.upload("thumb");
    String permanent = f.uploadPermanent("thumb");
    String article =
        "{\"articles\":[{\"title\":\"t\",\"content\":\"c\",\"thumb_media_id\":\"%s\"}]}";

    assertThat(errcode(f.call("draft/add", article.formatted(temporary))))
        .as("a draft's thumb is permanent material")
        .isEqualTo(40007);
    assertThat(f.call("draft/add", article.formatted(permanent)).path("media_id").asString())
        .startsWith("news_");
    assertThat(f.call("media/uploadnews", article.formatted(temporary)).path("type").asString())
        .isEqualTo("news");
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
