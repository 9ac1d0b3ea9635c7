package io.wxrelay.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassPreview;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.worker.media.MediaFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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

  /** The chunks of a broadcast's plan. */
  private static List<ApiCall.Chunk> chunks(CallPlan plan) {
    return switch (plan.sends()) {
      case Sends.Broadcast broadcast -> broadcast.chunks();
      case Sends.One one -> throw new AssertionError("no broadcast: " + one);
      case Sends.Parts parts -> throw new AssertionError("no broadcast: " + parts);
      case Sends.Walk walk -> throw new AssertionError("no broadcast: " + walk);
    };
  }

  /** The one call of a plan that is no broadcast. */
  private static ApiCall.Plain one(CallPlan plan) {
    return switch (plan.sends()) {
      case Sends.One one -> one.call();
      case Sends.Broadcast broadcast -> throw new AssertionError("a broadcast: " + broadcast);
      case Sends.Parts parts -> throw new AssertionError("a split list: " + parts);
      case Sends.Walk walk -> throw new AssertionError("a walk: " + walk);
    };
  }

  /** The JSON body {@code call} sends. */
  private static ObjectNode body(ApiCall call) {
    return switch (call.request()) {
      case Request.Json json -> json.body();
      case Request.Upload upload -> throw new AssertionError("an upload: " + upload.api());
      case Request.Query query -> throw new AssertionError("a GET: " + query.api());
    };
  }

  /** The upload {@code call} sends. */
  private static Request.Upload upload(ApiCall call) {
    return switch (call.request()) {
      case Request.Upload upload -> upload;
      case Request.Json json -> throw new AssertionError("no upload: " + json.api());
      case Request.Query query -> throw new AssertionError("no upload: " + query.api());
    };
  }

  @Test
  void aLongOpenidListIsSplitIntoBalancedChunksOfAtMostTenThousand() {
    CallPlan plan =
        calls.plan(
            command(
                EventType.MASS_SEND,
                "c1",
                new MassSend(openids(25_001), MassMessage.text("hi"), null)));

    assertThat(plan.steps()).isEmpty();
    assertThat(chunks(plan))
        .extracting(ApiCall.Chunk::index, ApiCall.Chunk::openidCount, ApiCall.Chunk::clientmsgid)
        .containsExactly(tuple(0, 8_334, "c1:0"), tuple(1, 8_334, "c1:1"), tuple(2, 8_333, "c1:2"));
    assertThat(body(chunks(plan).get(1)).get("touser").get(0).asString()).isEqualTo("o8334");
    assertThat(body(chunks(plan).get(2)).get("clientmsgid").asString()).isEqualTo("c1:2");
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
    assertThat(chunks(plan)).extracting(ApiCall.Chunk::openidCount).containsExactly(5_001, 5_000);
  }

  @Test
  void aBroadcastToAllCarriesTheCommandIdAsClientmsgid() {
    CallPlan plan =
        calls.plan(
            command(
                EventType.MASS_SENDALL,
                "all-1",
                new MassSendAll(MassSendAll.Filter.tag(3), MassMessage.mpnews("m"), 1)));
    ApiCall.Chunk only = chunks(plan).getFirst();
    assertThat(chunks(plan)).hasSize(1);
    assertThat(only.clientmsgid()).isEqualTo("all-1:0");
    assertThat(only.openidCount()).isZero();
    var body = body(only);
    assertThat(body.get("clientmsgid").asString()).isEqualTo("all-1:0");
    assertThat(body.get("filter").get("tag_id").asInt()).isEqualTo(3);
    assertThat(body.get("send_ignore_reprint").asInt()).isEqualTo(1);
    assertThat(body.get("mpnews").get("media_id").asString()).isEqualTo("m");
  }

  @Test
  void aClientmsgidStaysWithinWeChatsThirtyTwoBytes() {
    // The CLI's own ids are 40 characters; a UUID is 36 (WeChat refused one with 45067).
    for (String id :
        List.of(
            "x".repeat(100),
            "cli-20261205-231512-7f3a9c2e1b4d5f6a7b8c",
            UUID.randomUUID().toString(),
            "订单-" + "九".repeat(10))) {
      String clientmsgid = CommandCalls.clientmsgid(id, 9_999_999);
      assertThat(clientmsgid.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(32);
      assertThat(clientmsgid).isEqualTo(CommandCalls.clientmsgid(id, 9_999_999));
      assertThat(CommandCalls.clientmsgid(id, 0)).isNotEqualTo(CommandCalls.clientmsgid(id, 1));
      assertThat(CommandCalls.clientmsgid(id + "-2", 0))
          .isNotEqualTo(CommandCalls.clientmsgid(id, 0));
    }
    assertThat(CommandCalls.clientmsgid("crm-2026-11-22-vip-notice", 3))
        .isEqualTo("crm-2026-11-22-vip-notice:3");
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

    var t = body(one(temp));
    assertThat(t.get("action_name").asString()).isEqualTo("QR_SCENE");
    assertThat(t.get("expire_seconds").asInt()).isEqualTo(600);
    assertThat(t.get("action_info").get("scene").get("scene_id").asLong()).isEqualTo(5);
    var p = body(one(perm));
    assertThat(p.get("action_name").asString()).isEqualTo("QR_LIMIT_STR_SCENE");
    assertThat(p.has("expire_seconds")).isFalse();
    assertThat(temp.qrReply()).isEmpty();
    assertThat(perm.qrReply().orElseThrow().lifetime()).as("a permanent code's").isEmpty();
    assertThat(perm.qrReply().orElseThrow().scene().asEventKey()).isEqualTo("s");
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
    var body = body(one(plan));
    assertThat(body.get("touser").asString()).isEqualTo("o1");
    assertThat(body.get("customservice").get("kf_account").asString()).isEqualTo("a@b");
    assertThat(body.get("text").get("content").asString()).isEqualTo("hi");
  }

  @Test
  void aFileIsAnUploadOfItsKindThatSaysWhereItsBytesAreAndLoadsNothing() {
    String base64 = Base64.getEncoder().encodeToString(JPEG);
    var inline =
        new MediaUpload(
            "thumb",
            true,
            new MediaUpload.MediaFile(null, base64, "t.jpg", "image/png"),
            null,
            null);
    var remote =
        new MediaUpload(
            "image",
            false,
            new MediaUpload.MediaFile("https://10.1.2.3/a.jpg", null, "a.jpg", null),
            null,
            null);

    CallPlan permanent = calls.plan(command(EventType.MEDIA_UPLOAD, "u1", inline));
    CallPlan temporary = calls.plan(command(EventType.MEDIA_UPLOAD, "u2", remote));

    assertThat(upload(one(permanent)))
        .isEqualTo(
            new Request.Upload(
                "material/add_material",
                Optional.of("thumb"),
                new MediaFile("t.jpg", new MediaFile.Inline(base64), "thumb", true),
                ContractCodec.newMapper().createObjectNode()));
    assertThat(upload(one(temporary)).api()).isEqualTo("media/upload");
    assertThat(upload(one(temporary)).file())
        .as("an internal address is judged when the file is loaded, not when it is planned")
        .isEqualTo(
            new MediaFile("a.jpg", new MediaFile.Remote("https://10.1.2.3/a.jpg"), "image", false));
    assertThat(permanent.repeatable()).isTrue();
  }

  @Test
  void anArticleImageTakesNoTypeAndAPermanentVideoItsDescription() {
    var file = new MediaUpload.MediaFile(null, "aGk=", "a.mp4", null);
    var image = new MediaUpload("articleImage", null, file, null, null);
    var video = new MediaUpload("video", true, file, new MediaUpload.VideoInfo("T", "about"), null);

    Request.Upload articleImage =
        upload(one(calls.plan(command(EventType.MEDIA_UPLOAD, "u4", image))));
    Request.Upload permanentVideo =
        upload(one(calls.plan(command(EventType.MEDIA_UPLOAD, "u5", video))));

    assertThat(articleImage.api()).isEqualTo("media/uploadimg");
    assertThat(articleImage.type()).isEmpty();
    assertThat(articleImage.description().isEmpty()).isTrue();
    assertThat(permanentVideo.type()).contains("video");
    assertThat(permanentVideo.description().get("title").asString()).isEqualTo("T");
    assertThat(permanentVideo.description().get("introduction").asString()).isEqualTo("about");
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

    assertThat(plan.steps())
        .extracting(ApiCall.Step::name, ApiCall::api)
        .containsExactly(
            tuple("thumb-0", "media/upload"),
            tuple("thumb-1", "media/upload"),
            tuple("news", "media/uploadnews"));
    assertThat(chunks(plan)).extracting(ApiCall::api).containsOnly("message/mass/send").hasSize(2);
    assertThat(plan.calls()).hasSize(5);
    assertThat(upload(plan.steps().getFirst()).type()).contains("thumb");

    Map<String, String> made = Map.of("thumb-0", "t0", "thumb-1", "t1", "news", "n");
    JsonNode news = body(plan.steps().get(2).filledFrom(made));
    assertThat(news.at("/articles/0/thumb_media_id").asString()).isEqualTo("t0");
    assertThat(news.at("/articles/1/thumb_media_id").asString()).isEqualTo("t1");
    assertThat(news.at("/articles/1/title").asString()).isEqualTo("two");
    assertThat(news.at("/articles/0/thumb").isMissingNode()).isTrue();
    ApiCall.Chunk chunk = chunks(plan).get(1).filledFrom(made);
    assertThat(body(chunk).at("/mpnews").toString()).isEqualTo("{\"media_id\":\"n\"}");
    assertThat(body(chunk).at("/touser").size()).isEqualTo(7_500);
    assertThat(chunk.clientmsgid()).isEqualTo("n1:1");
    assertThatThrownBy(() -> chunks(plan).getFirst().filledFrom(Map.of("thumb-0", "t0")))
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
        .extracting(ApiCall::api)
        .containsExactly(
            "media/upload", "media/upload", "media/uploadnews", "message/mass/sendall");
    assertThat(plan.steps())
        .extracting(ApiCall.Step::name)
        .containsExactly("thumb-0", "thumb-1", "news");
    JsonNode news = body(plan.steps().get(2).filledFrom(Map.of("thumb-0", "t0", "thumb-1", "t1")));
    assertThat(news.findValuesAsString("thumb_media_id")).containsExactly("t0", "t1", "t0");
  }

  @Test
  void newsViaADraftHasPermanentThumbs() {
    var viaDraft = MassMessage.mpnews(List.of(article("one", JPEG)), "draft");
    CallPlan plan = toAll("n2", viaDraft);
    assertThat(plan.calls())
        .extracting(ApiCall::api)
        .containsExactly("material/add_material", "draft/add", "message/mass/sendall");
    assertThat(upload(plan.steps().getFirst()).file().permanent()).isTrue();
  }

  @Test
  void aPreviewOfInlineNewsTakesTheNewsItsStepsMakeAndIsNotRepeatable() {
    var message = MassMessage.mpnews(List.of(article("one", JPEG)), null);
    CallPlan plan =
        calls.plan(command(EventType.MASS_PREVIEW, "p1", new MassPreview("o1", null, message)));

    assertThat(plan.steps()).extracting(ApiCall.Step::name).containsExactly("thumb-0", "news");
    ApiCall.Plain preview = one(plan).filledFrom(Map.of("thumb-0", "t0", "news", "n"));
    assertThat(preview.api()).isEqualTo("message/mass/preview");
    assertThat(body(preview).at("/mpnews/media_id").asString()).isEqualTo("n");
    assertThat(plan.repeatable()).isFalse();
  }
}
