package io.wxrelay.worker.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import io.wxrelay.schemas.command.Payloads;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CommandCallsTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
  private final CommandCalls calls = new CommandCalls(ContractCodec.newMapper(), 10_000);

  private static <T> CloudEvent<T> command(EventType type, String id, T data) {
    return CloudEvent.of(type, id, "/test", APPID, Instant.parse("2026-11-22T10:00:00Z"), data);
  }

  private static List<String> openids(int n) {
    return IntStream.range(0, n).mapToObj(i -> "o" + i).toList();
  }

  @Test
  void aLongOpenidListIsSplitIntoBalancedChunksOfAtMostTenThousand() {
    CallPlan plan =
        calls.plan(
            command(
                EventType.MASS_SEND,
                "c1",
                new MassSend(openids(25_001), MassMessage.text("hi"), null)));

    assertThat(plan.calls()).extracting(ApiCall::openidCount).containsExactly(8_334, 8_334, 8_333);
    assertThat(plan.calls())
        .extracting(ApiCall::clientmsgid)
        .containsExactly("c1:0", "c1:1", "c1:2");
    assertThat(plan.calls().get(1).body().get("touser").get(0).asString()).isEqualTo("o8334");
    assertThat(plan.calls().get(2).body().get("clientmsgid").asString()).isEqualTo("c1:2");
    assertThat(plan.repeatable()).isTrue();
  }

  @Test
  void tenThousandAndOneNeverLeavesAListOfOne() {
    CallPlan plan =
        calls.plan(
            command(
                EventType.MASS_SEND,
                "c2",
                new MassSend(openids(10_001), MassMessage.text("hi"), null)));
    assertThat(plan.calls()).extracting(ApiCall::openidCount).containsExactly(5_001, 5_000);
  }

  @Test
  void aBroadcastToAllCarriesTheCommandIdAsClientmsgid() {
    CallPlan plan =
        calls.plan(
            command(
                EventType.MASS_SENDALL,
                "all-1",
                new MassSendAll(MassSendAll.Filter.tag(3), MassMessage.mpnews("m"), 1)));
    var body = plan.calls().getFirst().body();
    assertThat(body.get("clientmsgid").asString()).isEqualTo("all-1:0");
    assertThat(body.get("filter").get("tag_id").asInt()).isEqualTo(3);
    assertThat(body.get("send_ignore_reprint").asInt()).isEqualTo(1);
    assertThat(body.get("mpnews").get("media_id").asString()).isEqualTo("m");
  }

  @Test
  void aClientmsgidStaysWithinWeChatsSixtyFourBytes() {
    String id = "x".repeat(100);
    String clientmsgid = CommandCalls.clientmsgid(id, 12);
    assertThat(clientmsgid.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64);
    assertThat(clientmsgid).isEqualTo(CommandCalls.clientmsgid(id, 12)).endsWith(":12");
    assertThat(CommandCalls.clientmsgid(id, 13)).isNotEqualTo(clientmsgid);
  }

  @Test
  void qrCodesPickTheActionNameFromSceneKindAndPermanence() {
    CallPlan temp =
        calls.plan(
            command(
                EventType.QRCODE_CREATE, "q1", new QrCodeCreate(QrScene.of(5), 600, null, null)));
    CallPlan perm =
        calls.plan(
            command(
                EventType.QRCODE_CREATE,
                "q2",
                new QrCodeCreate(QrScene.of("s"), 600, true, CustomMessage.text("hi"))));

    var t = temp.calls().getFirst().body();
    assertThat(t.get("action_name").asString()).isEqualTo("QR_SCENE");
    assertThat(t.get("expire_seconds").asInt()).isEqualTo(600);
    assertThat(t.get("action_info").get("scene").get("scene_id").asLong()).isEqualTo(5);
    var p = perm.calls().getFirst().body();
    assertThat(p.get("action_name").asString()).isEqualTo("QR_LIMIT_STR_SCENE");
    assertThat(p.has("expire_seconds")).isFalse();
    assertThat(perm.qrReply().lifetime()).isNull();
    assertThat(perm.qrReply().scene().asEventKey()).isEqualTo("s");
  }

  @Test
  void customerServiceMessagesAreNotRepeatableAndKeepTheirAgent() {
    CallPlan plan =
        calls.plan(
            command(
                EventType.CUSTOM_SEND,
                "m1",
                new CustomSend("o1", CustomMessage.text("hi").asAgent("a@b"))));
    assertThat(plan.repeatable()).isFalse();
    var body = plan.calls().getFirst().body();
    assertThat(body.get("touser").asString()).isEqualTo("o1");
    assertThat(body.get("customservice").get("kf_account").asString()).isEqualTo("a@b");
    assertThat(body.get("text").get("content").asString()).isEqualTo("hi");
  }

  @Test
  void anInlineFileIsAMultipartUploadOfItsKindAndItsRealFormat() {
    var upload =
        new MediaUpload(
            "thumb",
            true,
            new MediaUpload.MediaFile(
                null, Base64.getEncoder().encodeToString(JPEG), "t.jpg", "image/png"),
            null,
            null);

    ApiCall call = calls.plan(command(EventType.MEDIA_UPLOAD, "u1", upload)).calls().getFirst();

    assertThat(call.api()).isEqualTo("material/add_material");
    assertThat(call.upload().type()).isEqualTo("thumb");
    assertThat(call.upload().contentType()).as("from its bytes").isEqualTo("image/jpeg");
    assertThat(call.upload().bytes()).isEqualTo(JPEG);
  }

  /** Why the file of {@code upload}'s call cannot be sent, loaded as before the call. */
  private CallOutcome unusable(String id, MediaUpload upload) {
    return calls
        .plan(command(EventType.MEDIA_UPLOAD, id, upload))
        .calls()
        .getFirst()
        .upload()
        .load()
        .orElseThrow();
  }

  @Test
  void aFileWeChatWouldRefuseIsInvalidAndSoIsOneAtAnInternalAddressWhenTheirCallComes() {
    var notAnImage =
        new MediaUpload(
            "image", false, new MediaUpload.MediaFile(null, "aGk=", "a.png", null), null, null);
    assertThat(unusable("u2", notAnImage))
        .isEqualTo(
            new CallOutcome.Unusable(
                "an image must be GIF/JPEG/PNG (WeChat's limit); this file is none of them",
                ErrorClass.INVALID));
    var internal =
        new MediaUpload(
            "image",
            true,
            new MediaUpload.MediaFile("https://10.1.2.3/a.jpg", null, "a.jpg", null),
            null,
            null);
    assertThat(unusable("u3", internal))
        .satisfies(u -> assertThat(u.errmsg()).contains("is an internal address"))
        .satisfies(u -> assertThat(u.errorClass()).isEqualTo(ErrorClass.INVALID));
  }

  /** The plan of a broadcast of {@code message} to all followers. */
  private CallPlan toAll(String id, MassMessage message) {
    return calls.plan(
        command(
            EventType.MASS_SENDALL, id, new MassSendAll(MassSendAll.Filter.all(), message, null)));
  }

  private static Payloads.InlineArticle article(String title, byte[] thumb) {
    var file =
        new MediaUpload.MediaFile(null, Base64.getEncoder().encodeToString(thumb), "t.jpg", null);
    return new Payloads.InlineArticle(
        title, file, null, null, null, "<p>body</p>", null, null, null);
  }

  @Test
  void anInlineNewsBroadcastUploadsEachThumbThenTheNewsThenSendsIt() {
    byte[] other = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 4, 5, 6};
    var message = MassMessage.mpnews(List.of(article("one", JPEG), article("two", other)), null);

    CallPlan plan =
        calls.plan(
            command(EventType.MASS_SEND, "n1", new MassSend(openids(15_000), message, null)));

    assertThat(plan.calls())
        .extracting(ApiCall::api, ApiCall::step)
        .containsExactly(
            tuple("media/upload", "thumb-0"),
            tuple("media/upload", "thumb-1"),
            tuple("media/uploadnews", "news"),
            tuple("message/mass/send", null),
            tuple("message/mass/send", null));
    assertThat(plan.hasSteps()).isTrue();
    assertThat(plan.isBroadcast()).isTrue();
    assertThat(plan.calls().getFirst().upload().type()).isEqualTo("thumb");

    Map<String, String> made = Map.of("thumb-0", "t0", "thumb-1", "t1", "news", "n");
    JsonNode news = plan.calls().get(2).filledFrom(made).body();
    assertThat(news.at("/articles/0/thumb_media_id").asString()).isEqualTo("t0");
    assertThat(news.at("/articles/1/thumb_media_id").asString()).isEqualTo("t1");
    assertThat(news.at("/articles/1/title").asString()).isEqualTo("two");
    assertThat(news.at("/articles/0/thumb").isMissingNode()).isTrue();
    ApiCall chunk = plan.calls().get(4).filledFrom(made);
    assertThat(chunk.body().at("/mpnews").toString()).isEqualTo("{\"media_id\":\"n\"}");
    assertThat(chunk.body().at("/touser").size()).isEqualTo(7_500);
    assertThatThrownBy(() -> plan.calls().get(3).filledFrom(Map.of("thumb-0", "t0")))
        .as("a broadcast before its news")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void articlesThatShareAThumbnailUploadItOnce() {
    byte[] other = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 4, 5, 6};
    var message =
        MassMessage.mpnews(
            List.of(article("one", JPEG), article("two", other), article("three", JPEG)), null);

    CallPlan plan = toAll("n4", message);

    assertThat(plan.calls())
        .extracting(ApiCall::api, ApiCall::step)
        .containsExactly(
            tuple("media/upload", "thumb-0"),
            tuple("media/upload", "thumb-1"),
            tuple("media/uploadnews", "news"),
            tuple("message/mass/sendall", null));
    JsonNode news = plan.calls().get(2).filledFrom(Map.of("thumb-0", "t0", "thumb-1", "t1")).body();
    assertThat(news.findValuesAsString("thumb_media_id")).containsExactly("t0", "t1", "t0");
  }

  @Test
  void newsViaADraftHasPermanentThumbsAndAThumbWeChatWouldRefuseIsInvalid() {
    var viaDraft = MassMessage.mpnews(List.of(article("one", JPEG)), "draft");
    CallPlan plan = toAll("n2", viaDraft);
    assertThat(plan.calls())
        .extracting(ApiCall::api)
        .containsExactly("material/add_material", "draft/add", "message/mass/sendall");

    var png =
        MassMessage.mpnews(List.of(article("one", new byte[] {(byte) 0x89, 'P', 'N', 'G'})), null);
    assertThat(toAll("n3", png).calls().getFirst().upload().load())
        .contains(
            new CallOutcome.Unusable(
                "a thumb must be JPEG (WeChat's limit); this file is PNG", ErrorClass.INVALID));
  }
}
