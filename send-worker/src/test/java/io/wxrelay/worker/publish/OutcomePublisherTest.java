package io.wxrelay.worker.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Chunk;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.worker.consume.InboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomePublisherTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private final ContractCodec codec = ContractCodec.create();
  // encodeResult does not publish: no producer is needed to test it.
  private final OutcomePublisher publisher =
      new OutcomePublisher(
          null,
          codec,
          new OutcomePublisher.Topics("results", "retry", "dlq"),
          "/wxrelay/send-worker",
          Duration.ofSeconds(5),
          Clock.systemUTC());

  private static CommandResult broadcast(long msgId) {
    return new CommandResult(
        "cmd-1",
        "wechat.mass.send",
        Status.SUCCEEDED,
        1,
        0,
        "send job submission success",
        null,
        null,
        Map.of("msg_id", msgId),
        List.of(new Chunk(0, "cmd-1#0", 2, Status.SUCCEEDED, 0, "ok", msgId, 7L)),
        Instant.parse("2026-11-22T10:00:00Z"));
  }

  @Test
  void aResultThatFitsIsEncodedAsItIs() {
    CommandResult decoded =
        codec
            .decode(publisher.encodeResult(APPID, broadcast(1000000001L)), CommandResult.class)
            .data();

    assertThat(decoded.chunks()).isEqualTo(broadcast(1000000001L).chunks());
    assertThat(decoded.response()).containsEntry("msg_id", 1000000001); // JSON reads it back as int
    assertThat(decoded.errmsg()).isEqualTo("send job submission success");
    assertThat(decoded.reason()).isNull();
  }

  @Test
  void aResultThatDoesNotFitIsPublishedWithoutWeChatsFieldsAndSaysWhy() {
    // A msg_id below 0 breaks the chunk's schema: without the fallback the record would be
    // retried forever.
    CommandResult decoded =
        codec.decode(publisher.encodeResult(APPID, broadcast(-5)), CommandResult.class).data();

    assertThat(decoded.commandId()).isEqualTo("cmd-1");
    assertThat(decoded.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(decoded.errcode()).isZero();
    assertThat(decoded.attempts()).isEqualTo(1);
    assertThat(decoded.response()).isNull();
    assertThat(decoded.chunks()).isNull();
    assertThat(decoded.reason())
        .contains("did not fit wechat.result")
        .contains("/data/chunks/0/msgId");
  }

  @Test
  void aResultOfTheLongestCommandIdGetsADerivedEventIdThatFits() {
    String id = "c".repeat(CloudEvent.ID_MAX_LENGTH);
    CommandResult result =
        new CommandResult(
            id,
            "wechat.qrcode.create",
            Status.SUCCEEDED,
            1,
            0,
            "ok",
            null,
            null,
            null,
            null,
            Instant.parse("2026-11-22T10:00:00Z"));

    CloudEvent<CommandResult> decoded =
        codec.decode(publisher.encodeResult(APPID, result), CommandResult.class);

    assertThat(decoded.id()).isEqualTo(CloudEvent.derivedId("result-", id)).hasSizeLessThan(129);
    assertThat(decoded.data().commandId()).isEqualTo(id);
  }

  @Test
  void aDeadLetterOfAnOverlongCommandIdKeepsTheIdInItsDataAndADerivedEventId() {
    String id = "d".repeat(300); // read from a command whose envelope broke the 128 limit
    DeadLetter letter = letter("envelope: /id is too long", id, 0);

    CloudEvent<DeadLetter> decoded =
        codec.decode(publisher.encodeDeadLetter(RECORD, null, letter), DeadLetter.class);

    assertThat(decoded.id()).isEqualTo(CloudEvent.derivedId("dead-", id));
    assertThat(decoded.data().commandId()).isEqualTo(id);
    assertThat(decoded.data().original().valueBase64()).isEqualTo("e25vdCBqc29u");
  }

  @Test
  void aDeadLetterThatDoesNotFitIsPublishedWithoutTheCommandsFieldsAndSaysWhy() {
    // An empty reason breaks the schema (minLength 1): without the fallback the record would be
    // retried forever.
    DeadLetter decoded =
        codec
            .decode(
                publisher.encodeDeadLetter(RECORD, APPID, letter("", "cmd-9", -1)),
                DeadLetter.class)
            .data();

    assertThat(decoded.reason())
        .contains("did not fit wechat.command.deadletter")
        .contains("/data/reason");
    assertThat(decoded.commandId()).isNull();
    assertThat(decoded.attempts()).isZero();
    assertThat(decoded.errorClass()).isEqualTo(DeadLetter.Reason.INVALID);
    assertThat(decoded.original().offset()).isEqualTo(42);
  }

  @Test
  void aDeadLetterOfARecordTooLargeForItSaysWhereTheRecordIsInstead() {
    byte[] big = new byte[700_000]; // fits Kafka's 1 MiB; its Base64 in a letter would not
    Arrays.fill(big, (byte) 'x');
    InboundRecord record = new InboundRecord("wechat.commands", 3, 42, APPID, big, Map.of());
    DeadLetter letter =
        DeadLetter.rejected(
            DeadLetter.Reason.MALFORMED,
            "not JSON",
            null,
            null,
            null,
            DeadLetter.Original.of("wechat.commands", 3, 42, APPID, big),
            Instant.parse("2026-11-22T10:00:00Z"));

    byte[] value = publisher.encodeDeadLetter(record, APPID, letter);
    DeadLetter decoded = codec.decode(value, DeadLetter.class).data();

    assertThat(value.length).isLessThan(OutcomePublisher.MAX_LETTER_BYTES);
    assertThat(decoded.original().valueBase64()).isEmpty();
    assertThat(decoded.original().offset()).isEqualTo(42);
    assertThat(decoded.reason())
        .startsWith("not JSON; ")
        .contains("700000 bytes")
        .contains("wechat.commands-3@42");
  }

  private static final InboundRecord RECORD =
      new InboundRecord(
          "wechat.commands", 3, 42, APPID, "{not json".getBytes(StandardCharsets.UTF_8), Map.of());

  private static DeadLetter letter(String reason, String commandId, int attempts) {
    return new DeadLetter(
        reason,
        DeadLetter.Reason.INVALID,
        "/id",
        commandId,
        "wechat.custom.send",
        attempts,
        false,
        null,
        null,
        new DeadLetter.Original("wechat.commands", 3, 42, APPID, "e25vdCBqc29u"),
        Instant.parse("2026-11-22T10:00:00Z"));
  }
}
