package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.plan.Request;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A news broadcast from inline articles is three steps (thumbnails, news, broadcast): each step's
 * outcome is remembered under the command id, so that a run after a crash goes on from the last
 * step done, and the result lists the media the steps made.
 */
class NewsStepsTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2};

  private final DispatchHarness h = new DispatchHarness();
  private final CommandCalls calls = new CommandCalls(h.codec.mapper(), 10_000);

  private CloudEvent<MassSendAll> news(String id, int articles) {
    List<InlineArticle> list =
        IntStream.range(0, articles)
            .mapToObj(
                i -> new InlineArticle("a" + i, thumb(i), null, null, null, "c", null, null, null))
            .toList();
    var message = MassMessage.mpnews(list, null);
    return h.command(
        EventType.MASS_SENDALL, id, new MassSendAll(MassSendAll.Filter.all(), message, null));
  }

  /** The thumbnail of article {@code i}: a JPEG of its own. */
  private static MediaUpload.MediaFile thumb(int i) {
    return new MediaUpload.MediaFile(
        null, Base64.getEncoder().encodeToString(jpeg(i)), "t" + i + ".jpg", null);
  }

  /** A JPEG of its own for article {@code i}. */
  private static byte[] jpeg(int i) {
    byte[] jpeg = JPEG.clone();
    jpeg[jpeg.length - 1] = (byte) i;
    return jpeg;
  }

  private void run(CloudEvent<MassSendAll> command) throws InterruptedException {
    h.run.run(calls.plan(command), h.record(command, APPID), 0);
  }

  @Test
  void theThumbsThenTheNewsThenTheBroadcastAndTheResultListsTheMedia() throws Exception {
    h.wechat
        .succeeds(Map.of("type", "thumb", "media_id", "thumb_0", "created_at", 1))
        .succeeds(Map.of("type", "thumb", "media_id", "thumb_1", "created_at", 1))
        .succeeds(Map.of("type", "news", "media_id", "news_n", "created_at", 1))
        .succeeds(Map.of("msg_id", 1000L, "msg_data_id", 10001L));
    run(news("n1", 2));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.wechat.calls)
        .extracting(Request::api)
        .containsExactly(
            "media/upload", "media/upload", "media/uploadnews", "message/mass/sendall");
    assertThat(h.wechat.body(2).at("/articles/1/thumb_media_id").asString()).isEqualTo("thumb_1");
    assertThat(h.wechat.body(3).at("/mpnews/media_id").asString()).isEqualTo("news_n");
    assertThat(result.response())
        .containsEntry("msg_id", 1000)
        .containsEntry(
            "media", Map.of("thumb-0", "thumb_0", "thumb-1", "thumb_1", "news", "news_n"));
    assertThat(result.chunks()).hasSize(1);
    assertThat(h.ledger.stepsDone("n1")).containsOnlyKeys("thumb-0", "thumb-1", "news");
  }

  @Test
  void aRunAfterACrashBetweenTheUploadsAndTheSendOnlySends() throws Exception {
    // An earlier worker uploaded everything, then died during its broadcast call.
    h.ledger.stepDone("n2", "thumb-0", "thumb_0");
    h.ledger.stepDone("n2", "news", "news_n");
    h.ledger.claim("n2", APPID, "stopped worker", Duration.ZERO);
    h.wechat.succeeds(Map.of("msg_id", 1001L));
    // Its thumbnail's URL would be refused if it were fetched: a step done is not loaded again.
    var thumb = new MediaUpload.MediaFile("https://10.9.9.9/t.jpg", null, "t.jpg", null);
    var article = new InlineArticle("a0", thumb, null, null, null, "c", null, null, null);
    run(
        h.command(
            EventType.MASS_SENDALL,
            "n2",
            new MassSendAll(
                MassSendAll.Filter.all(), MassMessage.mpnews(List.of(article), null), null)));

    assertThat(h.wechat.calls).extracting(Request::api).containsExactly("message/mass/sendall");
    assertThat(h.wechat.body(0).at("/mpnews/media_id").asString()).isEqualTo("news_n");
    CommandResult result = h.onlyResult();
    assertThat(result.status())
        .as("a broadcast repeats under its clientmsgid")
        .isEqualTo(Status.SUCCEEDED);
    assertThat(result.response())
        .containsEntry("media", Map.of("thumb-0", "thumb_0", "news", "news_n"));
  }

  @Test
  void aRetryAfterAStepFailedGoesOnFromTheStepsDone() throws Exception {
    h.wechat
        .succeeds(Map.of("type", "thumb", "media_id", "thumb_0", "created_at", 1))
        .answers(-1) // the news upload: WeChat busy, tried again in the same run
        .succeeds(Map.of("type", "news", "media_id", "news_n", "created_at", 1))
        .succeeds(Map.of("msg_id", 1002L));
    run(news("n3", 1));

    assertThat(h.wechat.calls)
        .extracting(Request::api)
        .containsExactly(
            "media/upload", "media/uploadnews", "media/uploadnews", "message/mass/sendall");
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.onlyResult().attempts()).isEqualTo(2);
  }

  @Test
  void aThumbnailWeChatWouldRefuseEndsTheCommandBeforeAnyUpload() throws Exception {
    var png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2};
    var bad =
        new MediaUpload.MediaFile(null, Base64.getEncoder().encodeToString(png), "b.png", null);
    var articles =
        List.of(
            new InlineArticle("a0", thumb(0), null, null, null, "c", null, null, null),
            new InlineArticle("a1", bad, null, null, null, "c", null, null, null));
    run(
        h.command(
            EventType.MASS_SENDALL,
            "n5",
            new MassSendAll(MassSendAll.Filter.all(), MassMessage.mpnews(articles, null), null)));

    assertThat(h.wechat.calls).isEmpty();
    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.errorClass()).isEqualTo(ErrorClass.INVALID);
    assertThat(result.reason())
        .isEqualTo("a thumb must be JPEG (WeChat's limit); this file is PNG");
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(l -> assertThat(l.errorClass()).isEqualTo(DeadLetter.Reason.INVALID));
  }

  @Test
  void aStepWeChatRefusesEndsTheCommandWithTheMediaMadeAndNoChunk() throws Exception {
    h.wechat
        .succeeds(Map.of("type", "thumb", "media_id", "thumb_0", "created_at", 1))
        .answers(40007);
    run(news("n4", 1));

    assertThat(h.wechat.calls)
        .extracting(Request::api)
        .containsExactly("media/upload", "media/uploadnews");
    CommandResult result = h.onlyResult();
    assertThat(result.status()).isIn(Status.FAILED, Status.DEAD);
    assertThat(result.errcode()).isEqualTo(40007);
    assertThat(result.response()).containsEntry("media", Map.of("thumb-0", "thumb_0"));
    assertThat(result.chunks()).as("the broadcast was not tried").isEmpty();
  }
}
