package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code wechat.media.upload} against the simulator, with inline files and a file fetched from a
 * server the test starts, and the media it makes used by broadcasts: an image broadcast from an
 * uploaded image, an mpnews broadcast from news whose thumb was uploaded, an mpvideo broadcast from
 * an uploaded video, a draft of permanent thumbnails. Every kind and every limit: {@code
 * MediaKindsIT}.
 */
@ExtendWith(RealInfrastructure.class)
class MediaUploadIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static WorkerFixture f;
  private static MadeFiles files;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    files = new MadeFiles();
    f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3);
    f.worker(Map.of("WORKER_MEDIA_FETCH_ALLOW", "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
    files.close();
  }

  @Test
  void aFileIsFetchedFromAnAllowedServerAndNeverFromAnInternalAddressOtherwise() {
    String url = files.url(8192, "ffd8ff");
    CommandResult fetched =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "url-" + RUN,
            new MediaUpload(
                "image",
                true,
                new MediaUpload.MediaFile(url, null, "banner.jpg", null),
                null,
                null));
    assertThat(fetched.status()).as(String.valueOf(fetched.reason())).isEqualTo(Status.SUCCEEDED);
    assertThat((String) fetched.response().get("media_id")).startsWith("image_");

    CommandResult internal =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "internal-" + RUN,
            new MediaUpload(
                "image",
                true,
                new MediaUpload.MediaFile("https://10.0.0.1/banner.jpg", null, "banner.jpg", null),
                null,
                null));
    assertThat(internal.status()).isEqualTo(Status.DEAD);
    assertThat(internal.reason()).contains("10.0.0.1 is an internal address");
  }

  @Test
  void anUploadedImageIsBroadcastAndTheResultSaysUntilWhenItLasts() {
    CommandResult image =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "img-" + RUN,
            MediaFiles.inline("image", false, MediaFiles.file(2048, 0xFF, 0xD8, 0xFF)));
    assertThat(image.status()).isEqualTo(Status.SUCCEEDED);
    String mediaId = (String) image.response().get("media_id");
    long createdAt = ((Number) image.response().get("created_at")).longValue();
    assertThat(((Number) image.response().get("expires_at")).longValue())
        .as("temporary media lasts 3 days")
        .isEqualTo(createdAt + 3 * 24 * 3600);

    CommandResult broadcast =
        f.sendAndAwait(
            EventType.MASS_SENDALL,
            "img-mass-" + RUN,
            new MassSendAll(MassSendAll.Filter.all(), MassMessage.images(List.of(mediaId)), null));
    assertThat(broadcast.status())
        .as(String.valueOf(broadcast.reason()))
        .isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void newsWithAnUploadedThumbIsBroadcastAsMpnews() {
    CommandResult thumb =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "thumb-" + RUN,
            MediaFiles.inline("thumb", true, MediaFiles.file(4096, 0xFF, 0xD8, 0xFF)));
    assertThat(thumb.status()).isEqualTo(Status.SUCCEEDED);
    CommandResult news =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "news-" + RUN,
            MediaFiles.news("news", "Autumn sale", (String) thumb.response().get("media_id")));
    assertThat(news.status()).isEqualTo(Status.SUCCEEDED);

    CommandResult broadcast =
        f.sendAndAwait(
            EventType.MASS_SENDALL,
            "news-mass-" + RUN,
            new MassSendAll(
                MassSendAll.Filter.all(),
                MassMessage.mpnews((String) news.response().get("media_id")),
                null));
    assertThat(broadcast.status())
        .as(String.valueOf(broadcast.reason()))
        .isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void anUploadedVideoBecomesAnMpvideoBroadcast() {
    byte[] mp4 = MediaFiles.file(4096, 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2');
    CommandResult video =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD, "video-" + RUN, MediaFiles.inline("video", false, mp4));
    assertThat(video.status()).as(String.valueOf(video.reason())).isEqualTo(Status.SUCCEEDED);
    CommandResult mpvideo =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "mpvideo-" + RUN,
            new MediaUpload(
                "mpvideo",
                null,
                null,
                new MediaUpload.VideoInfo("Our new store", "A walk through it"),
                null,
                (String) video.response().get("media_id")));
    assertThat(mpvideo.status()).as(String.valueOf(mpvideo.reason())).isEqualTo(Status.SUCCEEDED);

    CommandResult broadcast =
        f.sendAndAwait(
            EventType.MASS_SENDALL,
            "mpvideo-mass-" + RUN,
            new MassSendAll(
                MassSendAll.Filter.all(),
                MassMessage.mpvideo(
                    (String) mpvideo.response().get("media_id"), "Our new store", "A walk"),
                null));
    assertThat(broadcast.status())
        .as(String.valueOf(broadcast.reason()))
        .isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void anArticleImageGetsItsUrl() {
    CommandResult image =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "artimg-" + RUN,
            MediaFiles.inline("articleImage", false, MediaFiles.file(1024, 0x89, 'P', 'N', 'G')));
    assertThat(image.status()).isEqualTo(Status.SUCCEEDED);
    assertThat((String) image.response().get("url")).startsWith("http");
  }

  @Test
  void aDraftTakesPermanentThumbnailsOnly() {
    byte[] jpeg = MediaFiles.file(2048, 0xFF, 0xD8, 0xFF);
    for (boolean permanent : new boolean[] {true, false}) {
      CommandResult thumb =
          f.sendAndAwait(
              EventType.MEDIA_UPLOAD,
              "draft-thumb-" + permanent + "-" + RUN,
              MediaFiles.inline("thumb", permanent, jpeg));
      CommandResult draft =
          f.sendAndAwait(
              EventType.MEDIA_UPLOAD,
              "draft-" + permanent + "-" + RUN,
              MediaFiles.news("draft", "Drafted", (String) thumb.response().get("media_id")));
      if (permanent) {
        assertThat(draft.status()).as(String.valueOf(draft.reason())).isEqualTo(Status.SUCCEEDED);
        assertThat((String) draft.response().get("media_id")).startsWith("news_");
      } else {
        assertThat(draft.errcode()).as("WeChat: a draft's thumb is permanent").isEqualTo(40007);
      }
    }
  }
}
