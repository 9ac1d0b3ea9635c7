package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.KafkaBinding;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.parking.Parked;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * From a record to a command run: what does not decode goes to the DLQ with its reason (and a DEAD
 * result when its id can key one), a parked record waits until it is due, and its attempts count
 * on.
 */
class CommandProcessorTest {
  private final DispatchHarness h = new DispatchHarness();

  private InboundRecord raw(String json) {
    return h.record(json.getBytes(StandardCharsets.UTF_8), APPID, Map.of());
  }

  private static String command(String id, String type, String data) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"/test\",\"type\":\""
        + type
        + "\",\"time\":\"2026-11-26T08:00:00Z\",\"subject\":\""
        + APPID
        + "\",\"data\":"
        + data
        + "}";
  }

  @Test
  void aRecordThatIsNotJsonIsDeadLetteredByteForByteWithoutAResult() throws Exception {
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    h.processor.handle(h.record(garbage, "garbage-key", Map.of()));

    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.MALFORMED);
    assertThat(letter.commandId()).isNull();
    assertThat(Base64.getDecoder().decode(letter.original().valueBase64())).isEqualTo(garbage);
    assertThat(h.published("dlq").getFirst().key()).isEqualTo("garbage-key");
    assertThat(h.results()).isEmpty();
    assertThat(h.wechat.calls).isEmpty();
  }

  @Test
  void anUnknownTypeIsDeadWithAResultThatIsNotKeptSoACorrectedCommandMayFollow() throws Exception {
    h.processor.handle(raw(command("cmd-teleport", "wechat.mass.teleport", "{}")));

    assertThat(h.deadLetters().getFirst().errorClass()).isEqualTo(DeadLetter.Reason.UNKNOWN_TYPE);
    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.errorClass()).isEqualTo(ErrorClass.INVALID);
    assertThat(result.reason()).contains("wechat.mass.teleport");
    assertThat(h.ledger.resultOf("cmd-teleport")).isNull();
  }

  @Test
  void dataThatBreaksItsSchemaIsInvalidAndTheLetterPointsAtTheField() throws Exception {
    h.processor.handle(
        raw(command("cmd-invalid", "wechat.custom.send", "{\"msgtype\":\"text\",\"text\":{}}")));

    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.INVALID);
    assertThat(letter.pointer()).isNotNull();
    assertThat(letter.commandType()).isEqualTo("wechat.custom.send");
    assertThat(h.onlyResult().commandId()).isEqualTo("cmd-invalid");
    assertThat(h.counter("wxrelay.worker.dlq", "reason", "invalid")).isEqualTo(1);
  }

  @Test
  void anIdTooLongToKeyAResultGetsOnlyItsDeadLetter() throws Exception {
    String overlong = "cmd-" + "x".repeat(296);
    h.processor.handle(raw(command(overlong, "wechat.qrcode.create", "{\"scene\":{\"id\":8}}")));

    assertThat(h.deadLetters().getFirst().errorClass()).isEqualTo(DeadLetter.Reason.MALFORMED);
    assertThat(h.results()).isEmpty();
  }

  @Test
  void mediaAtAnInternalAddressIsNotFetchedAndTheCommandIsDead() throws Exception {
    MediaUpload upload =
        new MediaUpload(
            "image",
            true,
            new MediaUpload.MediaFile("https://169.254.169.254/latest/a.png", null, "a.png", null),
            null,
            null);
    h.processor.handle(h.record(h.command(EventType.MEDIA_UPLOAD, "cmd-upload", upload), APPID));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.reason()).contains("is an internal address");
    assertThat(h.deadLetters().getFirst().errorClass()).isEqualTo(DeadLetter.Reason.INVALID);
    assertThat(h.wechat.calls).isEmpty();
  }

  @Test
  void aFileWeChatWouldRefuseIsDeadAsInvalidNamingTheLimitWithoutACall() throws Exception {
    MediaUpload upload =
        new MediaUpload(
            "image",
            true,
            new MediaUpload.MediaFile(null, "aGVsbG8=", "a.png", "image/png"),
            null,
            null);
    h.processor.handle(h.record(h.command(EventType.MEDIA_UPLOAD, "cmd-hello", upload), APPID));

    assertThat(h.onlyResult().status()).isEqualTo(Status.DEAD);
    assertThat(h.onlyResult().reason()).startsWith("an image must be BMP/GIF/JPEG/PNG");
    assertThat(h.deadLetters().getFirst().errorClass()).isEqualTo(DeadLetter.Reason.INVALID);
    assertThat(h.wechat.calls).isEmpty();
  }

  @Test
  void anUploadDoneBeforeReplaysItsResultWithoutFetchingItsFileAgain() throws Exception {
    // Done earlier; its file's URL would now be refused (or gone): it is never looked at again.
    byte[] stored = "{\"stored\":true}".getBytes(StandardCharsets.UTF_8);
    h.ledger.complete("cmd-uploaded", APPID, stored);
    MediaUpload upload =
        new MediaUpload(
            "image",
            true,
            new MediaUpload.MediaFile("https://10.9.9.9/gone.png", null, "gone.png", null),
            null,
            null);
    h.processor.handle(h.record(h.command(EventType.MEDIA_UPLOAD, "cmd-uploaded", upload), APPID));

    assertThat(h.published("results"))
        .singleElement()
        .satisfies(r -> assertThat(r.value()).isEqualTo(stored));
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void aParkedRecordWaitsUntilItIsDueAndItsAttemptsCountOn() throws Exception {
    h.wechat.answers(0);
    long due = DispatchHarness.NOW.plusSeconds(3).toEpochMilli();
    InboundRecord parked = retryRecord("cmd-parked", "2", Long.toString(due));

    h.processor.handle(parked);

    assertThat(h.clock.millis()).isGreaterThanOrEqualTo(due);
    assertThat(h.sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    assertThat(h.onlyResult().attempts()).isEqualTo(3);
  }

  @Test
  void garbledRetryHeadersCountAsNoAttemptsDueNow() throws Exception {
    h.wechat.answers(0);
    InboundRecord parked = retryRecord("cmd-garbled", "two", "soon");

    h.processor.handle(parked);

    assertThat(h.sleeps).isEmpty();
    assertThat(h.onlyResult().attempts()).isEqualTo(1);
  }

  @Test
  void aCommandInBinaryModeIsCarriedOutAndParkedWithItsAttributeHeaders() throws Exception {
    Map<String, byte[]> headers =
        Map.of(
            "ce_specversion", bytes("1.0"),
            "ce_id", bytes("cmd-binary"),
            "ce_source", bytes("/upstream/crm"),
            "ce_type", bytes("wechat.custom.send"),
            "ce_time", bytes("2026-11-26T08:00:00Z"),
            "ce_subject", bytes(APPID),
            "content-type", bytes("application/json"));
    byte[] data =
        h.codec.mapper().writeValueAsBytes(new CustomSend("oUser1", CustomMessage.text("hi")));
    h.wechat.answers(45011, 0);

    h.processor.handle(h.record(data, APPID + ":oUser1", headers));
    var parked = h.published("retry").getFirst();
    InboundRecord retry = h.received(parked);
    assertThat(retry.headers()).containsKeys("ce_id", "ce_type", "ce_subject", "content-type");
    assertThat(retry.value()).isEqualTo(data);
    h.processor.handle(retry);

    CommandResult result = h.onlyResult();
    assertThat(result.commandId()).isEqualTo("cmd-binary");
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(2);
  }

  @Test
  void aBinaryModeRecordWithBrokenDataIsDeadWithAResultUnderItsHeadersId() throws Exception {
    Map<String, byte[]> headers =
        Map.of(
            "ce_specversion", bytes("1.0"),
            "ce_id", bytes("cmd-binary-broken"),
            "ce_source", bytes("/upstream/crm"),
            "ce_type", bytes("wechat.custom.send"),
            "ce_time", bytes("2026-11-26T08:00:00Z"),
            "ce_subject", bytes(APPID));
    h.processor.handle(h.record(bytes("{oops"), APPID, headers));

    assertThat(h.deadLetters().getFirst().errorClass()).isEqualTo(DeadLetter.Reason.MALFORMED);
    assertThat(h.onlyResult().commandId()).isEqualTo("cmd-binary-broken");
    var dlq = h.published("dlq").getFirst();
    assertThat(DispatchHarness.header(dlq, KafkaBinding.ERROR_TOPIC_HEADER))
        .isEqualTo("wechat.commands");
    assertThat(DispatchHarness.header(dlq, KafkaBinding.ERROR_PARTITION_HEADER)).isEqualTo("0");
    assertThat(DispatchHarness.header(dlq, KafkaBinding.ERROR_REASON_HEADER))
        .isEqualTo("malformed");
    assertThat(DispatchHarness.header(dlq, KafkaBinding.ERROR_MESSAGE_HEADER)).isNotBlank();
    assertThat(DispatchHarness.header(dlq, KafkaBinding.ORIGINAL_HEADER_PREFIX + "ce_id"))
        .as("the original's attributes, kept")
        .isEqualTo("cmd-binary-broken");
    assertThat(DispatchHarness.header(dlq, "content-type"))
        .startsWith("application/cloudevents+json");
  }

  @Test
  void aCommandsTraceContextIsCarriedToItsResult() throws Exception {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    h.wechat.answers(0);
    var command =
        h.command(
                EventType.CUSTOM_SEND,
                "cmd-traced",
                new CustomSend("oUser1", CustomMessage.text("x")))
            .withExtensions(Map.of("traceparent", traceparent, "partitionkey", "oUser1"));

    h.processor.handle(h.record(command, APPID + ":oUser1"));

    var result = h.codec.decode(h.published("results").getFirst().value());
    assertThat(result.extensions()).containsOnly(Map.entry("traceparent", traceparent));
  }

  @Test
  void aRefusedCommandsResultCarriesItsTraceContextToo() throws Exception {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02";
    Map<String, byte[]> headers =
        Map.of(
            "ce_specversion", bytes("1.0"),
            "ce_id", bytes("cmd-traced-broken"),
            "ce_source", bytes("/upstream/crm"),
            "ce_type", bytes("wechat.custom.send"),
            "ce_subject", bytes(APPID),
            "ce_traceparent", bytes(traceparent));

    h.processor.handle(h.record(bytes("{\"msgtype\":\"text\"}"), APPID, headers));

    var result = h.codec.decode(h.published("results").getFirst().value());
    assertThat(result.extensions()).containsOnly(Map.entry("traceparent", traceparent));
    assertThat(h.onlyResult().status()).isEqualTo(Status.DEAD);
  }

  @Test
  void aCommandTheWorkerKeepsFailingOnIsDeadLetteredWithAnUnknownResult() throws Exception {
    var command =
        h.command(
            EventType.CUSTOM_SEND, "cmd-poison", new CustomSend("oUser1", CustomMessage.text("x")));

    h.processor.poisoned(
        h.record(command, APPID + ":oUser1"), new IllegalStateException("a bug it triggers"));

    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.UNKNOWN);
    assertThat(letter.commandId()).isEqualTo("cmd-poison");
    assertThat(letter.reason()).contains("IllegalStateException: a bug it triggers");
    assertThat(letter.mayHaveReachedWeChat()).as("the failure may have come after a call").isTrue();
    CommandResult result = h.onlyResult();
    assertThat(result.status())
        .as("it may have been sent before the failure")
        .isEqualTo(Status.UNKNOWN);
    assertThat(result.reason()).contains("may or may not have carried it out");
  }

  /** A customer-service command as parked on the retry topic, with these header values. */
  private InboundRecord retryRecord(String id, String attempts, String due) {
    byte[] value =
        h.codec.encode(
            h.command(EventType.CUSTOM_SEND, id, new CustomSend("oUser1", CustomMessage.text(id))));
    return h.record(
        value,
        APPID + ":oUser1",
        Map.of(
            Parked.ATTEMPTS_HEADER, bytes(attempts),
            Parked.DUE_HEADER, bytes(due)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
