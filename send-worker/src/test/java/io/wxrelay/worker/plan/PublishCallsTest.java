package io.wxrelay.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.command.PublishDelete;
import io.wxrelay.schemas.command.PublishGet;
import io.wxrelay.schemas.command.PublishSubmit;
import io.wxrelay.worker.media.MediaFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Publishing's plans: a draft by media_id is one submit; inline articles are made into a draft as a
 * broadcast's inline news via draft/add, then submitted with the draft's media_id; no submit is
 * repeatable; get is, delete is not.
 */
class PublishCallsTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private final CommandCalls calls = new CommandCalls(ContractCodec.newMapper(), 10_000);

  private CallPlan plan(EventType type, CommandData data) {
    return calls.plan(
        CloudEvent.of(type, "pub-1", "/test", APPID, Instant.parse("2026-12-06T10:00:00Z"), data));
  }

  private static InlineArticle article(String title, String thumbUrl) {
    var thumb = new MediaUpload.MediaFile(thumbUrl, null, "t.jpg", null);
    return new InlineArticle(title, thumb, null, null, null, "<p>c</p>", null, null, null);
  }

  @Test
  void aDraftByItsMediaIdIsOneSubmitNeverRepeated() {
    CallPlan plan = plan(EventType.PUBLISH_SUBMIT, new PublishSubmit("draft_1", null));

    assertThat(plan.steps()).isEmpty();
    Request.Json submit = (Request.Json) plan.calls().getFirst().request();
    assertThat(submit.api()).isEqualTo("freepublish/submit");
    assertThat(submit.body().toString()).isEqualTo("{\"media_id\":\"draft_1\"}");
    assertThat(plan.repeat()).isEqualTo(Repeatability.NEVER);
    assertThat(plan.repeat().repeatableAfter(Duration.ZERO)).isFalse();
  }

  @Test
  void inlineArticlesArePermanentThumbnailsThenADraftThenItsSubmit() {
    var articles =
        List.of(
            article("a", "https://cdn.example/1.jpg"),
            article("b", "https://cdn.example/2.jpg"),
            article("c", "https://cdn.example/1.jpg"));

    CallPlan plan = plan(EventType.PUBLISH_SUBMIT, new PublishSubmit(null, articles));

    assertThat(plan.steps())
        .extracting(ApiCall.Step::name)
        .containsExactly("thumb-0", "thumb-1", MediaCalls.NEWS_STEP);
    Request.Upload thumb = (Request.Upload) plan.steps().getFirst().request();
    assertThat(thumb.api()).isEqualTo("material/add_material");
    assertThat(thumb.file()).extracting(MediaFile::permanent).isEqualTo(true);
    Request.Json draft = (Request.Json) plan.steps().get(2).request();
    assertThat(draft.api()).isEqualTo("draft/add");
    assertThat(draft.fills())
        .extracting(Fill::step)
        .containsExactly("thumb-0", "thumb-1", "thumb-0");
    Request.Json submit = (Request.Json) plan.sends().calls().getFirst().request();
    assertThat(submit.api()).isEqualTo("freepublish/submit");
    assertThat(submit.fills()).containsExactly(new Fill("/media_id", MediaCalls.NEWS_STEP));
    assertThat(plan.repeat()).isEqualTo(Repeatability.NEVER);
  }

  @Test
  void getIsARepeatableReadAndDeleteIsNotRepeated() {
    CallPlan get = plan(EventType.PUBLISH_GET, new PublishGet("2247503051"));
    CallPlan group = plan(EventType.PUBLISH_DELETE, new PublishDelete("art_1", null));
    CallPlan one = plan(EventType.PUBLISH_DELETE, new PublishDelete("art_1", 2));

    Request.Json read = (Request.Json) get.calls().getFirst().request();
    assertThat(read.api()).isEqualTo("freepublish/get");
    assertThat(read.body().toString()).isEqualTo("{\"publish_id\":\"2247503051\"}");
    assertThat(get.repeatable()).isTrue();
    Request.Json whole = (Request.Json) group.calls().getFirst().request();
    assertThat(whole.api()).isEqualTo("freepublish/delete");
    assertThat(whole.body().toString()).isEqualTo("{\"article_id\":\"art_1\",\"index\":0}");
    assertThat(((Request.Json) one.calls().getFirst().request()).body().get("index").asInt())
        .isEqualTo(2);
    assertThat(group.repeat()).isEqualTo(Repeatability.NEVER);
  }
}
