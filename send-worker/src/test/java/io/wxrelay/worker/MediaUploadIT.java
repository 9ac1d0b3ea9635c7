package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Upload;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code wechat.media.upload} against the simulator, with inline files and a file fetched from a
 * server the test starts, and the media it makes used by broadcasts: an image broadcast from an
 * uploaded image, an mpnews broadcast from news whose thumb was uploaded; a file WeChat would
 * refuse is DEAD naming the limit, without a call.
 */
@ExtendWith(RealInfrastructure.class)
class MediaUploadIT {
  private static final byte[] BANNER = MediaFiles.file(8192, 0xFF, 0xD8, 0xFF);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static WorkerFixture f;
  private static HttpServer files;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    // The company's file server, on loopback: allowed by name, as a deployment would allow it.
    files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    files.createContext(
        "/banner.jpg",
        x -> {
          x.getResponseHeaders().add("Content-Type", "image/jpeg");
          x.sendResponseHeaders(200, BANNER.length);
          x.getResponseBody().write(BANNER);
          x.close();
        });
    files.createContext(
        "/made",
        x -> {
          Map<String, String> query = new HashMap<>();
          for (String pair : x.getRequestURI().getQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
          }
          byte[] file =
              MediaFiles.file(
                  Integer.parseInt(query.get("size")), HexFormat.of().parseHex(query.get("magic")));
          x.getResponseHeaders().add("Content-Type", "application/octet-stream");
          x.sendResponseHeaders(200, file.length);
          x.getResponseBody().write(file);
          x.close();
        });
    files.start();
    f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3);
    f.worker(Map.of("WORKER_MEDIA_FETCH_ALLOW", "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
    files.stop(0);
  }

  @Test
  void aFileIsFetchedFromAnAllowedServerAndNeverFromAnInternalAddressOtherwise() {
    String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/banner.jpg";
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
    MediaUpload.Article article =
        new MediaUpload.Article(
            "Autumn sale",
            (String) thumb.response().get("media_id"),
            null,
            null,
            null,
            "<p>All 20 % off</p>",
            null,
            null,
            null);
    CommandResult news =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "news-" + RUN,
            new MediaUpload("news", null, null, null, List.of(article)));
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

  /** Every kind of file WeChat takes, temporary and permanent, inline or from a URL. */
  @ParameterizedTest(name = "{0} (permanent {1}, {2}, {3})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          image        | false | ffd8ff                   | url    | media/upload          | image
          image        | true  | 424d                     | url    | material/add_material | image
          voice        | false | 2321414d52               | url    | media/upload          | voice
          voice        | true  | 524946460000000057415645 | inline | material/add_material | voice
          video        | false | 0000001866747970         | url    | media/upload          | video
          video        | true  | 0000001866747970         | inline | material/add_material | video
          thumb        | false | ffd8ff                   | inline | media/upload          | thumb
          thumb        | true  | ffd8ff                   | url    | material/add_material | thumb
          articleImage | false | 89504e47                 | url    | media/uploadimg       | image
          """)
  void everyKindIsUploaded(
      String kind, boolean permanent, String magic, String from, String api, String type) {
    byte[] bytes = MediaFiles.file(4096, HexFormat.of().parseHex(magic));
    MediaUpload.MediaFile file =
        from.equals("inline")
            ? MediaFiles.inline(kind, permanent, bytes).file()
            : new MediaUpload.MediaFile(made(4096, magic), null, kind + ".bin", null);
    MediaUpload.VideoInfo video =
        kind.equals("video") && permanent ? new MediaUpload.VideoInfo("Store tour", "2 min") : null;

    CommandResult result =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD,
            "kind-" + IDS.incrementAndGet() + "-" + RUN,
            new MediaUpload(kind, permanent ? true : null, file, video, null));

    assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
    Upload made = f.sim.truth().uploads().getLast();
    assertThat(made.api()).isEqualTo(api);
    assertThat(made.type()).isEqualTo(type);
    assertThat(result.response().get(kind.equals("articleImage") ? "url" : "media_id"))
        .isEqualTo(made.mediaId());
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
      MediaUpload.Article article =
          new MediaUpload.Article(
              "Drafted",
              (String) thumb.response().get("media_id"),
              null,
              null,
              null,
              "<p>c</p>",
              null,
              null,
              null);
      CommandResult draft =
          f.sendAndAwait(
              EventType.MEDIA_UPLOAD,
              "draft-" + permanent + "-" + RUN,
              new MediaUpload("draft", null, null, null, List.of(article)));
      if (permanent) {
        assertThat(draft.status()).as(String.valueOf(draft.reason())).isEqualTo(Status.SUCCEEDED);
        assertThat((String) draft.response().get("media_id")).startsWith("news_");
      } else {
        assertThat(draft.errcode()).as("WeChat: a draft's thumb is permanent").isEqualTo(40007);
      }
    }
  }

  /**
   * Each of WeChat's limits, checked before the call: the file is made up (its size, its first
   * bytes in hex) and comes inline or from the test's file server ({@code /made}).
   */
  @ParameterizedTest(name = "{0} ({1}, {2} bytes, {3}, {4})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          image        | false | 10485761 | ffd8ff           | url    | file.url is 10485761 bytes; WeChat takes at most 10 MB
          voice        | false | 2097153  | 2321414d52       | url    | a voice is at most 2 MB (WeChat's limit); this file is 2097153 bytes
          video        | false | 10485761 | 0000001866747970 | url    | file.url is 10485761 bytes; WeChat takes at most 10 MB
          thumb        | false | 71680    | ffd8ff           | inline | a thumb is at most 64 KB (WeChat's limit); this file is 71680 bytes
          articleImage | false | 1048576  | 89504e47         | url    | this file is 1048576 bytes
          image        | false | 2048     | 424d             | inline | an image must be GIF/JPEG/PNG (WeChat's limit); this file is BMP
          voice        | false | 2048     | 52494646         | inline | a voice must be AMR/MP3 (WeChat's limit); this file is none of them
          video        | false | 2048     | 89504e47         | inline | a video must be MP4 (WeChat's limit); this file is PNG
          thumb        | true  | 2048     | 89504e47         | url    | a thumb must be JPEG (WeChat's limit); this file is PNG
          articleImage | false | 2048     | 47494638         | inline | an article image must be JPEG/PNG (WeChat's limit); this file is GIF
          """)
  void aFileOverALimitIsDeadNamingItWithoutACall(
      String kind, boolean permanent, int size, String magic, String from, String reason) {
    int uploads = f.sim.truth().uploads().size();
    byte[] bytes = MediaFiles.file(size, HexFormat.of().parseHex(magic));
    MediaUpload upload =
        from.equals("inline")
            ? MediaFiles.inline(kind, permanent, bytes)
            : new MediaUpload(
                kind,
                permanent ? true : null,
                new MediaUpload.MediaFile(made(size, magic), null, kind + ".bin", null),
                null,
                null);

    CommandResult result =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD, "limit-" + IDS.incrementAndGet() + "-" + RUN, upload);

    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.errorClass()).isEqualTo(ErrorClass.INVALID);
    assertThat(result.reason()).contains(reason);
    assertThat(f.sim.truth().uploads()).as("no call made").hasSize(uploads);
  }

  /** The URL of a made-up file on the test's file server. */
  private static String made(int size, String magic) {
    return "http://127.0.0.1:%d/made?size=%d&magic=%s"
        .formatted(files.getAddress().getPort(), size, magic);
  }
}
