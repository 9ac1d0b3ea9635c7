package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.command.PublishSubmit;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent.Article;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.worker.events.EventReactor;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.replies.ReplyRules;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PUBLISHJOBFINISH is joined to the submit by the publish_id WeChat answered (a string or a number)
 * and published as {@code wechat.publish.finished} keyed by the command id; a finish before the
 * submit's answer is published by the submit; a submit whose answer was lost is not repeated.
 */
class PublishFinishedTest {
  private final DispatchHarness h = new DispatchHarness();
  private final EventReactor reactor = h.reactor(ReplyRules.NONE);

  private void submit(String id) throws Exception {
    var command = h.command(EventType.PUBLISH_SUBMIT, id, new PublishSubmit("draft_1", null));
    h.processor.handle(h.record(command, APPID));
  }

  private void finish(String publishId, int status, List<Article> urls, List<Integer> failIdx)
      throws Exception {
    var data =
        new PublishJobFinishEvent(
            "gh_shop",
            "mphelper",
            1_765_000_000L,
            publishId,
            status,
            status == 0 ? "art_" + publishId : null,
            urls,
            failIdx);
    CloudEvent<PublishJobFinishEvent> event =
        CloudEvent.of(
            EventType.EVENT_PUBLISHJOBFINISH,
            "publish-" + publishId,
            "/gateway",
            APPID,
            h.clock.instant(),
            data);
    reactor.handle(h.record(h.codec.encode(event), APPID + ":mphelper", Map.of()));
  }

  private List<PublishFinished> finishes() {
    return h.published("results").stream()
        .map(r -> h.codec.decode(r.value()).data())
        .filter(PublishFinished.class::isInstance)
        .map(PublishFinished.class::cast)
        .toList();
  }

  @Test
  void aFinishIsJoinedToTheSubmitWhosePublishIdItReports() throws Exception {
    h.wechat.succeeds(Map.of("publish_id", "2247503051", "msg_data_id", 2247503053L));
    submit("pub-join");
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);

    finish("2247503051", 0, List.of(new Article(1, "https://mp.weixin.qq.com/s/1")), List.of());

    assertThat(finishes())
        .containsExactly(
            new PublishFinished(
                "pub-join",
                "2247503051",
                0,
                "success",
                true,
                "art_2247503051",
                List.of("https://mp.weixin.qq.com/s/1"),
                List.of(),
                "publish-2247503051"));
    assertThat(h.published("results").getLast().key()).isEqualTo("pub-join");
    assertThat(h.counter("wxrelay.worker.publish.finished", "status", "success")).isEqualTo(1);
  }

  @Test
  void aNumericPublishIdJoinsAndAFailureNamesItsStatusAndFailedArticles() throws Exception {
    h.wechat.succeeds(Map.of("publish_id", 2247483655L));
    submit("pub-number");
    // The result carries it as its digits, as wechat.publish.get takes it.
    assertThat(h.onlyResult().response().get("publish_id")).isEqualTo("2247483655");

    finish("2247483655", 2, List.of(), List.of(1, 3));

    PublishFinished failed = finishes().getFirst();
    assertThat(failed.status()).isEqualTo("originality_failed");
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failedIndexes()).containsExactly(1, 3);
    assertThat(failed.articleUrls()).isEmpty();
    assertThat(h.counter("wxrelay.worker.publish.finished", "status", "originality_failed"))
        .isEqualTo(1);
  }

  @Test
  void aFinishBeforeTheSubmitsAnswerIsPublishedByTheSubmit() throws Exception {
    finish("77", 0, List.of(new Article(1, "https://mp/s/77")), List.of());
    assertThat(finishes()).isEmpty();
    assertThat(h.counter("wxrelay.worker.publish.finished", "status", "unmatched")).isEqualTo(1);

    h.wechat.succeeds(Map.of("publish_id", "77"));
    submit("pub-early");

    assertThat(finishes())
        .singleElement()
        .satisfies(f -> assertThat(f.commandId()).isEqualTo("pub-early"))
        .satisfies(f -> assertThat(f.articleUrls()).containsExactly("https://mp/s/77"));
  }

  @Test
  void aSubmitWhoseAnswerWasLostIsNotRepeatedAndEndsUnknown() throws Exception {
    h.wechat.losesTheAnswer().succeeds(Map.of("publish_id", "78"));
    submit("pub-lost");

    assertThat(h.wechat.calls).as("one submit: a second would publish twice").hasSize(1);
    assertThat(h.onlyResult().status()).isEqualTo(Status.UNKNOWN);
    assertThat(h.correlations.publish(APPID, "78")).isEmpty();
  }

  @Test
  void anInlineDraftIsMadeOnceAndABusySubmitIsTriedAgainWithIt() throws Exception {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1};
    var thumb =
        new MediaUpload.MediaFile(null, Base64.getEncoder().encodeToString(jpeg), "t.jpg", null);
    var article = new InlineArticle("a", thumb, null, null, null, "<p>c</p>", null, null, null);
    h.wechat
        .succeeds(Map.of("media_id", "thumb_p", "url", "http://mmbiz/x"))
        .succeeds(Map.of("media_id", "news_draft"))
        .answers(-1) // WeChat busy: nothing was accepted, the submit is tried again
        .succeeds(Map.of("publish_id", "79"));
    var command =
        h.command(
            EventType.PUBLISH_SUBMIT, "pub-inline", new PublishSubmit(null, List.of(article)));
    h.processor.handle(h.record(command, APPID));

    assertThat(h.wechat.calls)
        .extracting(Request::api)
        .containsExactly(
            "material/add_material",
            "draft/add",
            "freepublish/submit",
            "freepublish/submit",
            // the draft's thumbnail is permanent material: its library is counted once, at the end
            "material/get_materialcount");
    assertThat(h.wechat.body(1).at("/articles/0/thumb_media_id").asString()).isEqualTo("thumb_p");
    assertThat(h.wechat.body(3).get("media_id").asString()).isEqualTo("news_draft");
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.correlations.publish(APPID, "79")).hasValue("pub-inline");
  }
}
