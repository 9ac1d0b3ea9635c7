package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MassDelete;
import io.wxrelay.schemas.command.MassGet;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassPreview;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of broadcast end to end, with media wxrelay uploaded itself: text, one image and
 * several, voice, mpnews, mpvideo and wxcard, each to all followers, to a tag and to a list of
 * OpenIDs; previews by OpenID and by WeChat name. WeChat (the simulator) checks each body and each
 * media id's kind.
 */
@ExtendWith(RealInfrastructure.class)
class BroadcastCoverageIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static WorkerFixture f;
  private static Map<String, MassMessage> messages;
  private static List<String> users;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3);
    f.worker(Map.of());
    users = f.sim.accounts().population(WorkerFixture.APPID).openids(3);
    String image1 =
        mediaId(MediaFiles.inline("image", false, MediaFiles.file(2048, 0xFF, 0xD8, 0xFF)));
    String image2 =
        mediaId(MediaFiles.inline("image", false, MediaFiles.file(2048, 0x89, 'P', 'N', 'G')));
    String voice =
        mediaId(MediaFiles.inline("voice", false, MediaFiles.file(2048, '#', '!', 'A', 'M', 'R')));
    String thumb =
        mediaId(MediaFiles.inline("thumb", false, MediaFiles.file(2048, 0xFF, 0xD8, 0xFF)));
    String news = mediaId(MediaFiles.news("news", "Autumn sale", thumb));
    String video =
        mediaId(
            MediaFiles.inline(
                "video", false, MediaFiles.file(4096, 0, 0, 0, 0x18, 'f', 't', 'y', 'p')));
    String mpvideo =
        mediaId(
            new MediaUpload(
                "mpvideo", null, null, new MediaUpload.VideoInfo("Store tour", null), null, video));
    messages =
        Map.of(
            "text", MassMessage.text("Hello " + RUN),
            "image", MassMessage.images(List.of(image1)),
            "images", MassMessage.images(List.of(image1, image2)),
            "image-single", MassMessage.image(image1),
            "voice", MassMessage.voice(voice),
            "mpnews", MassMessage.mpnews(news),
            "mpvideo", MassMessage.mpvideo(mpvideo, "Store tour", "Two minutes"),
            "wxcard", MassMessage.wxcard("pFS7Fjg8kV1IdDz01r4SQwMkuCKc"));
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
  }

  @ParameterizedTest(name = "{0} to {1}")
  @CsvSource({
    "text, all",
    "text, tag",
    "text, list",
    "image, all",
    "image, tag",
    "image, list",
    "images, all",
    "images, list",
    "image-single, all",
    "image-single, tag",
    "image-single, list",
    "voice, all",
    "voice, tag",
    "voice, list",
    "mpnews, all",
    "mpnews, tag",
    "mpnews, list",
    "mpvideo, all",
    "mpvideo, tag",
    "mpvideo, list",
    "wxcard, all",
    "wxcard, tag",
    "wxcard, list"
  })
  void isBroadcast(String kind, String to) {
    MassMessage message = messages.get(kind);
    Function<String, CommandResult> send =
        switch (to) {
          case "all" ->
              id ->
                  f.sendAndAwait(
                      EventType.MASS_SENDALL,
                      id,
                      new MassSendAll(MassSendAll.Filter.all(), message, null));
          case "tag" ->
              id ->
                  f.sendAndAwait(
                      EventType.MASS_SENDALL,
                      id,
                      new MassSendAll(MassSendAll.Filter.tag(100), message, null));
          default ->
              id -> f.sendAndAwait(EventType.MASS_SEND, id, new MassSend(users, message, null));
        };
    CommandResult result = send.apply("mass-" + kind + "-" + to + "-" + RUN);

    assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
    assertThat(result.chunks()).allSatisfy(c -> assertThat(c.msgId()).isPositive());
  }

  @Test
  void aPreviewGoesToOneFollowerOrToAWeChatName() {
    MassMessage message = messages.get("mpnews");
    assertThat(
            f.sendAndAwait(
                    EventType.MASS_PREVIEW,
                    "preview-openid-" + RUN,
                    new MassPreview(users.getFirst(), null, message))
                .status())
        .isEqualTo(Status.SUCCEEDED);
    assertThat(
            f.sendAndAwait(
                    EventType.MASS_PREVIEW,
                    "preview-name-" + RUN,
                    new MassPreview(null, "shop_manager", message))
                .status())
        .isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aBroadcastReallySentIsDeletedByItsMsgIdOneArticleOrAll() {
    CommandResult sent =
        f.sendAndAwait(
            EventType.MASS_SEND,
            "to-delete-" + RUN,
            new MassSend(users, messages.get("mpnews"), null));
    long msgId = sent.chunks().getFirst().msgId();
    await().atMost(Duration.ofSeconds(10)).until(() -> "SEND_SUCCESS".equals(status(msgId)));

    CommandResult oneArticle =
        f.sendAndAwait(EventType.MASS_DELETE, "delete-1-" + RUN, new MassDelete(msgId, 1, null));
    assertThat(oneArticle.status())
        .as(String.valueOf(oneArticle.reason()))
        .isEqualTo(Status.SUCCEEDED);
    assertThat(status(msgId)).isEqualTo("DELETE");
    CommandResult again =
        f.sendAndAwait(EventType.MASS_DELETE, "delete-2-" + RUN, new MassDelete(msgId, null, null));
    assertThat(again.errcode()).as("deleted already").isEqualTo(40059);
  }

  /** The broadcast's state, as a {@code wechat.mass.get} command reads it. */
  private static String status(long msgId) {
    CommandResult got =
        f.sendAndAwait(
            EventType.MASS_GET, "get-" + IDS.incrementAndGet() + "-" + RUN, new MassGet(msgId));
    return (String) got.response().get("msg_status");
  }

  private static String mediaId(MediaUpload upload) {
    CommandResult result =
        f.sendAndAwait(
            EventType.MEDIA_UPLOAD, "media-" + IDS.incrementAndGet() + "-" + RUN, upload);
    assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
    return (String) result.response().get("media_id");
  }
}
