package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Upload;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of {@code wechat.media.upload} WeChat takes, temporary and permanent, inline and from
 * a URL the test serves, each reaching the simulator's API for it; and each of WeChat's size and
 * format limits, refused before the call as DEAD {@code invalid} with a reason naming the limit.
 */
@ExtendWith(RealInfrastructure.class)
class MediaKindsIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static WorkerFixture f;
  private static MadeFiles files;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    files = new MadeFiles();
    f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3);
    f.worker(Map.of("WORKER_MEDIA_FETCH_ALLOW", "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
    files.close();
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
            : new MediaUpload.MediaFile(files.url(4096, magic), null, kind + ".bin", null);
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

  /**
   * Each of WeChat's limits, checked before the call: the file is made up (its size, its first
   * bytes in hex) and comes inline or from the test's file server.
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
                new MediaUpload.MediaFile(files.url(size, magic), null, kind + ".bin", null),
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
}
