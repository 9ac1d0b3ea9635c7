package io.wxrelay.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.plan.Sends;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of call adds up on the sheet in its own way, and the result says what each did. */
class ResultSheetTest {
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private final CommandCalls calls = new CommandCalls(ContractCodec.newMapper(), 2);

  private CallPlan plan(EventType type, Object data) {
    return calls.plan(CloudEvent.of(type, "c1", "/test", "wx1", NOW, data));
  }

  private static ResultSheet sheet(CallPlan plan) {
    return new ResultSheet(plan, 0, "https://mp.example/showqrcode");
  }

  private static Ok ok(Map<String, Object> fields) {
    return new Ok(0, "ok", fields);
  }

  @Test
  void aPlainCallsAnswerIsTheResponseAndThereAreNoChunks() {
    CallPlan plan = plan(EventType.CUSTOM_SEND, new CustomSend("o1", CustomMessage.text("hi")));
    ResultSheet sheet = sheet(plan);
    ApiCall.Plain call = (ApiCall.Plain) plan.calls().getFirst();
    sheet.attempt();

    sheet.answered(call, ok(Map.of("msgid", 7)));

    assertThat(sheet.done(call)).as("a plain call ends its run; it is never skipped").isFalse();
    CommandResult result = sheet.result(Status.SUCCEEDED, null, null, null, NOW);
    assertThat(result.response()).isEqualTo(Map.of("msgid", 7));
    assertThat(result.chunks()).isNull();
  }

  @Test
  void temporaryMediaSaysUntilWhenItLasts() {
    var file = new MediaUpload.MediaFile(null, "aGk=", "a.jpg", null);
    CallPlan plan = plan(EventType.MEDIA_UPLOAD, new MediaUpload("image", false, file, null, null));
    ResultSheet sheet = sheet(plan);

    sheet.answered(
        (ApiCall.Plain) plan.calls().getFirst(), ok(Map.of("media_id", "m", "created_at", 100)));

    assertThat(sheet.result(Status.SUCCEEDED, null, null, null, NOW).response())
        .containsEntry("expires_at", 100L + 3 * 24 * 3600);
  }

  @Test
  void aStepIsDoneOnceMadeAndTheResultListsWhatItMade() {
    var thumb = new MediaUpload.MediaFile(null, "aGk=", "t.jpg", null);
    var article = new InlineArticle("a", thumb, null, null, null, "c", null, null, null);
    var message = MassMessage.mpnews(List.of(article), null);
    CallPlan plan =
        plan(EventType.MASS_SENDALL, new MassSendAll(MassSendAll.Filter.all(), message, null));
    ResultSheet sheet = sheet(plan);
    ApiCall.Step first = plan.steps().getFirst();

    String made = sheet.stepMade(first, ok(Map.of("type", "thumb", "media_id", "t0")));

    assertThat(made).isEqualTo("t0");
    assertThat(sheet.done(first)).isTrue();
    assertThat(sheet.done(plan.steps().get(1))).isFalse();
    CommandResult result =
        sheet.result(Status.FAILED, new CallOutcome.Permanent(40007, "bad"), null, null, NOW);
    assertThat(result.response()).containsEntry("media", Map.of("thumb-0", "t0"));
    assertThat(result.chunks()).as("a step ended it: no chunk was tried").isEmpty();
  }

  @Test
  void aBroadcastListsTheChunksSentAndTheOneThatEndedIt() {
    CallPlan plan =
        plan(
            EventType.MASS_SEND,
            new MassSend(List.of("o1", "o2", "o3", "o4", "o5"), MassMessage.text("hi"), null));
    List<ApiCall.Chunk> chunks = ((Sends.Broadcast) plan.sends()).chunks();
    ResultSheet sheet = sheet(plan);
    sheet.attempt();

    sheet.chunkSent(chunks.getFirst(), ok(Map.of("msg_id", 1001L, "msg_data_id", 11L)));

    assertThat(sheet.done(chunks.getFirst())).isTrue();
    assertThat(sheet.done(chunks.get(1))).isFalse();
    CallOutcome last = new CallOutcome.Permanent(40130, "too few openids");
    CommandResult result = sheet.result(Status.DEAD, last, ErrorClass.PERMANENT, "permanent", NOW);
    assertThat(result.chunks())
        .extracting(
            CommandResult.Chunk::index,
            CommandResult.Chunk::clientmsgid,
            CommandResult.Chunk::openidCount,
            CommandResult.Chunk::status,
            CommandResult.Chunk::msgId)
        .containsExactly(
            tuple(0, "c1:0", 2, Status.SUCCEEDED, 1001L), tuple(1, "c1:1", 2, Status.DEAD, null));
    assertThat(ResultSheet.msgId(ok(Map.of("msg_id", 5L)))).contains(5L);
  }
}
