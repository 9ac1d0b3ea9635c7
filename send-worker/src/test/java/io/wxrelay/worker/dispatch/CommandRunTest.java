package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.worker.correlation.Correlations.BroadcastRef;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.parking.Parked;
import io.wxrelay.worker.plan.CommandCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of the outcome classification, from WeChat's answer to the command's one result: what
 * is retried and how (in process, parked), what fails, what is dead (with its letter), what cannot
 * be known; and what the ledger decides before any call (replayed, behind, taken over).
 */
class CommandRunTest {
  private final DispatchHarness h = new DispatchHarness();
  private final CommandCalls calls = new CommandCalls(h.codec.mapper(), 10_000);

  private CloudEvent<CustomSend> custom(String id) {
    return h.command(EventType.CUSTOM_SEND, id, new CustomSend("oUser1", CustomMessage.text(id)));
  }

  private void run(CloudEvent<? extends CommandData> command) throws InterruptedException {
    run(command, APPID + ":oUser1");
  }

  private void run(CloudEvent<? extends CommandData> command, String key)
      throws InterruptedException {
    h.run.run(calls.plan(command), h.record(command, key), 0);
  }

  @Test
  void anAnswerOfZeroSucceedsAfterOneCall() throws Exception {
    h.wechat.answers(0);
    run(custom("cmd-ok"));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.errorClass()).isNull();
    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.ledger.resultOf("cmd-ok")).as("stored for replays").isNotNull();
    assertThat(DispatchHarness.header(h.published("results").getFirst(), "content-type"))
        .as("the CloudEvents Kafka binding's structured mode")
        .isEqualTo("application/cloudevents+json; charset=UTF-8");
    assertThat(h.counter("wxrelay.worker.commands", "outcome", "succeeded")).isEqualTo(1);
  }

  @ParameterizedTest(name = "errcode {0}")
  @CsvSource({"40001", "40014", "42001"})
  void anExpiredTokenIsRenewedOnceAndTheCallMadeAgainInTheSameAttempt(int errcode)
      throws Exception {
    h.wechat.answers(errcode, 0);
    run(custom("cmd-token"));

    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.onlyResult().attempts()).isEqualTo(1);
    assertThat(h.wechat.tokensUsed).containsExactly("token-1", "token-2");
    assertThat(h.tokens.renewals).isEqualTo(1);
  }

  @Test
  void noTokenYetIsRetriedInProcessWithoutCallingWeChat() throws Exception {
    h.tokens.unavailableFor = 1;
    h.wechat.answers(0);
    run(custom("cmd-no-token"));

    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.onlyResult().attempts()).isEqualTo(2);
    assertThat(h.wechat.calls).hasSize(1);
  }

  @ParameterizedTest(name = "errcode {0}")
  @CsvSource({"-1", "9500002"})
  void wechatBusyIsRetriedInProcessWithBackoffUntilItSucceeds(int busy) throws Exception {
    h.wechat.answers(busy, busy, 0);
    run(custom("cmd-busy"));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(h.sleeps).hasSize(2);
    assertThat(h.sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(h.sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(h.counter("wxrelay.worker.retries", "where", "in_process")).isEqualTo(2);
  }

  @Test
  void retriesEndDeadWhenTheAttemptsAreSpentWithTheLastAnswerInTheLetter() throws Exception {
    h.wechat.answersHttp(503);
    run(custom("cmd-exhausted"));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
    assertThat(result.attempts()).isEqualTo(DispatchHarness.MAX_ATTEMPTS);
    assertThat(result.reason()).isEqualTo("gave up after 4 attempts");
    assertThat(h.wechat.calls).hasSize(DispatchHarness.MAX_ATTEMPTS);
    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.RETRIES_EXHAUSTED);
    assertThat(letter.attempts()).isEqualTo(4);
    assertThat(letter.errmsg()).isEqualTo("HTTP 503");
    assertThat(letter.mayHaveReachedWeChat()).as("WeChat answered every attempt").isFalse();
    assertThat(h.ledger.keptAsDead("cmd-exhausted")).as("kept as long as its letter").isTrue();
  }

  @Test
  void aBroadcastThatDiesAfterAnUnansweredAttemptSaysSoInItsLetter() throws Exception {
    h.wechat.losesTheAnswer().answersHttp(503);
    run(sendAll("cmd-lost-then-busy"), APPID);
    for (int parked = 0; h.results().isEmpty(); parked++) {
      h.processor.handle(h.received(h.published("retry").get(parked)));
    }

    assertThat(h.onlyResult().status()).isEqualTo(Status.DEAD);
    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errmsg()).as("the last answer was WeChat's").isEqualTo("HTTP 503");
    assertThat(letter.mayHaveReachedWeChat()).as("the first attempt went unanswered").isTrue();
  }

  @Test
  void anUnansweredAttemptIsCarriedAcrossAParkToTheLetter() throws Exception {
    h.wechat.losesTheAnswer().answers(45066, 40003);
    run(sendAll("cmd-lost-parked"), APPID);
    ProducerRecord<String, byte[]> parked = h.published("retry").getFirst();
    assertThat(DispatchHarness.header(parked, Parked.UNANSWERED_HEADER)).isEqualTo("1");

    h.processor.handle(h.received(parked));

    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.PERMANENT);
    assertThat(letter.mayHaveReachedWeChat()).isTrue();
  }

  @Test
  void aMinuteQuotaPausesTheApiForEveryWorkerAndParksTheCommandUntilTheNextMinute()
      throws Exception {
    h.wechat.answers(45011);
    run(custom("cmd-45011"));

    assertThat(h.results()).as("not over yet").isEmpty();
    ProducerRecord<String, byte[]> parked = h.published("retry").getFirst();
    assertThat(DispatchHarness.header(parked, Parked.ATTEMPTS_HEADER)).isEqualTo("1");
    assertThat(Long.parseLong(DispatchHarness.header(parked, Parked.DUE_HEADER)))
        .isEqualTo(DispatchHarness.NOW.plusSeconds(60).toEpochMilli());
    assertThat(parked.value()).isEqualTo(h.codec.encode(custom("cmd-45011")));
    assertThat(h.limiter.paused(APPID, "message/custom/send")).isEqualTo(Duration.ofMinutes(1));
    assertThat(h.ledger.claim("cmd-45011", null, "another worker", Duration.ofSeconds(5)))
        .as("the claim was given up")
        .isEqualTo(new Claim.Granted(false));
    assertThat(h.counter("wxrelay.worker.calls", "class", "throttled"))
        .as("what the throttling alert counts")
        .isEqualTo(1);
  }

  @Test
  void aClientmsgidRetriedTooFastIsParkedForTheGap() throws Exception {
    h.wechat.answers(45066);
    run(sendAll("cmd-45066"), APPID);

    ProducerRecord<String, byte[]> parked = h.published("retry").getFirst();
    assertThat(Long.parseLong(DispatchHarness.header(parked, Parked.DUE_HEADER)))
        .isEqualTo(DispatchHarness.NOW.plusSeconds(60).toEpochMilli());
    assertThat(h.counter("wxrelay.worker.retries", "where", "parked")).isEqualTo(1);
  }

  @Test
  void aParkedBroadcastIsCarriedOutWhenItsRetryRecordComes() throws Exception {
    h.wechat.answers(45066).succeeds(Map.of("msg_id", 1000010L));
    run(sendAll("cmd-park-then-ok"), APPID);
    ProducerRecord<String, byte[]> parked = h.published("retry").getFirst();

    h.processor.handle(h.received(parked));

    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.onlyResult().attempts()).isEqualTo(2);
  }

  @ParameterizedTest(name = "errcode {0} is {1}")
  @CsvSource({"45009, QUOTA", "45047, USER_WINDOW", "45015, USER_WINDOW"})
  void aQuotaOrAClosedWindowFailsAtOnceWithoutADeadLetter(int errcode, ErrorClass cls)
      throws Exception {
    h.wechat.answers(errcode);
    run(custom("cmd-refused"));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.errorClass()).isEqualTo(cls);
    assertThat(result.errcode()).isEqualTo(errcode);
    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.deadLetters()).isEmpty();
  }

  @ParameterizedTest(name = "errcode {0}")
  @CsvSource({"40003", "40007", "48001"})
  void aPermanentRefusalIsDeadAfterOneCallAndTheLetterCarriesTheOriginal(int errcode)
      throws Exception {
    h.wechat.answers(errcode);
    CloudEvent<CustomSend> command = custom("cmd-permanent");
    run(command);

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.errorClass()).isEqualTo(ErrorClass.PERMANENT);
    assertThat(result.reason()).isEqualTo("WeChat refused it: e" + errcode);
    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.PERMANENT);
    assertThat(letter.commandId()).isEqualTo("cmd-permanent");
    assertThat(letter.errcode()).isEqualTo(errcode);
    assertThat(Base64.getDecoder().decode(letter.original().valueBase64()))
        .isEqualTo(h.codec.encode(command));
    assertThat(h.published("dlq").getFirst().key()).isEqualTo(APPID + ":oUser1");
    assertThat(DispatchHarness.header(h.published("dlq").getFirst(), "content-type"))
        .startsWith("application/cloudevents+json");
    assertThat(h.ledger.resultOf("cmd-permanent")).as("a replay gets DEAD again").isNotNull();
  }

  @Test
  void aLostAnswerToACommandThatCannotBeRepeatedIsUnknownAndNotSentAgain() throws Exception {
    h.wechat.losesTheAnswer();
    run(custom("cmd-lost"));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
    assertThat(result.errorClass()).isEqualTo(ErrorClass.UNKNOWN);
    assertThat(h.wechat.calls).hasSize(1);
  }

  @Test
  void aLostAnswerToABroadcastIsSentAgainUnderTheSameClientmsgid() throws Exception {
    h.wechat.losesTheAnswer().succeeds(Map.of("msg_id", 1000001L, "msg_data_id", 7L));
    run(sendAll("cmd-lost-mass"), APPID);

    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.wechat.calls).hasSize(2);
    assertThat(h.wechat.body(1).get("clientmsgid")).isEqualTo(h.wechat.body(0).get("clientmsgid"));
  }

  @Test
  void aSplitBroadcastRemembersEachChunkAndDoesNotSendAnAcceptedOneAgain() throws Exception {
    List<String> openids = IntStream.range(0, 10_001).mapToObj(i -> "oUser" + i).toList();
    CloudEvent<MassSend> command =
        h.command(
            EventType.MASS_SEND, "cmd-split", new MassSend(openids, MassMessage.text("hi"), null));
    h.wechat
        .succeeds(Map.of("msg_id", 1000001L, "msg_data_id", 1L))
        .answers(-1)
        .succeeds(Map.of("msg_id", 1000002L, "msg_data_id", 2L));
    run(command, APPID);

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.chunks())
        .extracting(CommandResult.Chunk::msgId)
        .containsExactly(1000001L, 1000002L);
    assertThat(result.response()).containsKey("msg_ids");
    assertThat(IntStream.range(0, 3).mapToObj(i -> h.wechat.body(i).get("clientmsgid").asString()))
        .containsExactly("cmd-split:0", "cmd-split:1", "cmd-split:1");
    assertThat(h.correlations.broadcast(APPID, 1000002L))
        .hasValue(new BroadcastRef("cmd-split", 1));
  }

  @Test
  void aBroadcastThatDiesMidwayReportsTheChunksSentAndTheOneThatEndedIt() throws Exception {
    List<String> openids = IntStream.range(0, 10_001).mapToObj(i -> "oUser" + i).toList();
    CloudEvent<MassSend> command =
        h.command(
            EventType.MASS_SEND, "cmd-midway", new MassSend(openids, MassMessage.text("hi"), null));
    h.wechat.succeeds(Map.of("msg_id", 1000003L)).answers(40130);
    run(command, APPID);

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.chunks())
        .extracting(CommandResult.Chunk::status)
        .containsExactly(Status.SUCCEEDED, Status.DEAD);
    assertThat(result.chunks().get(1).errcode()).isEqualTo(40130);
  }

  @Test
  void aCreatedQrCodeHasAnEncodedImageUrlAndItsReplyIsRemembered() throws Exception {
    h.wechat.succeeds(
        Map.of("ticket", "gQ+1/ab==", "url", "http://weixin.qq.com/q/x", "expire_seconds", 60));
    CloudEvent<QrCodeCreate> command =
        h.command(
            EventType.QRCODE_CREATE,
            "cmd-qr",
            new QrCodeCreate(QrScene.of("order-7"), 60, null, CustomMessage.text("thanks")));
    run(command, APPID);

    assertThat(h.onlyResult().response())
        .containsEntry("imageUrl", "https://mp.example/showqrcode?ticket=gQ%2B1%2Fab%3D%3D");
    assertThat(h.correlations.qrReply(APPID, QrScene.of("order-7").asEventKey()))
        .hasValueSatisfying(json -> assertThat(json).contains("thanks"));
  }

  @Test
  void aCommandDoneBeforeGetsItsStoredResultAgainWithoutACall() throws Exception {
    byte[] stored = "{\"stored\":true}".getBytes(StandardCharsets.UTF_8);
    h.ledger.complete("cmd-done", APPID + ":oUser1", stored);
    run(custom("cmd-done"));

    assertThat(h.wechat.calls).isEmpty();
    assertThat(h.published("results").getFirst().value()).isEqualTo(stored);
    assertThat(h.counter("wxrelay.worker.commands", "outcome", "replayed")).isEqualTo(1);
  }

  @Test
  void aCommandBehindAParkedOneOfItsKeyFollowsItToTheRetryTopicWithoutACall() throws Exception {
    h.ledger.claim("cmd-first", APPID + ":oUser1", "w1", Duration.ofSeconds(5));
    h.ledger.park("cmd-first", APPID + ":oUser1", "w1", DispatchHarness.NOW.plusSeconds(30));
    run(custom("cmd-second"));

    assertThat(h.wechat.calls).isEmpty();
    ProducerRecord<String, byte[]> parked = h.published("retry").getFirst();
    assertThat(DispatchHarness.header(parked, Parked.ATTEMPTS_HEADER))
        .as("not an attempt")
        .isEqualTo("0");
    assertThat(Long.parseLong(DispatchHarness.header(parked, Parked.DUE_HEADER)))
        .isEqualTo(DispatchHarness.NOW.plusSeconds(30).toEpochMilli());
    assertThat(h.counter("wxrelay.worker.retries", "where", "behind")).isEqualTo(1);
  }

  @Test
  void aCommandTakenOverFromAStoppedWorkerIsUnknownWhenItCannotBeRepeated() throws Exception {
    h.ledger.claim("cmd-taken", APPID + ":oUser1", "stopped worker", Duration.ZERO);
    run(custom("cmd-taken"));

    assertThat(h.wechat.calls).isEmpty();
    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
    assertThat(result.reason()).contains("stopped during its call");
  }

  @Test
  void aRepeatableCommandTakenOverIsSimplyCarriedOut() throws Exception {
    h.ledger.claim("cmd-taken-mass", APPID, "stopped worker", Duration.ZERO);
    h.wechat.succeeds(Map.of("msg_id", 1000009L));
    run(sendAll("cmd-taken-mass"), APPID);

    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
  }

  private CloudEvent<MassSendAll> sendAll(String id) {
    return h.command(
        EventType.MASS_SENDALL,
        id,
        new MassSendAll(MassSendAll.Filter.tag(100), MassMessage.text(id), null));
  }
}
