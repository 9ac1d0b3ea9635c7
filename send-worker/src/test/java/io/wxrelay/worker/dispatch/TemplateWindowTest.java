package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.parking.Parked;
import io.wxrelay.worker.plan.CommandCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A template message may be sent again after an attempt that may have reached WeChat only while
 * WeChat's dedupe of its client_msg_id still covers it (9 of WeChat's 10 minutes since its first
 * possible attempt): after that it ends UNKNOWN instead of risking a second message. The first
 * possible attempt is the earlier of a parked record's first try and the record's timestamp.
 */
class TemplateWindowTest {
  private static final String USER_KEY = APPID + ":oUser1";
  private static final Duration WINDOW = Duration.ofMinutes(9);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final DispatchHarness h = new DispatchHarness();

  private CloudEvent<TemplateSend> command(String id) {
    return h.templateSend(id);
  }

  /** {@code command}'s record, written at {@code written}, with {@code headers}. */
  private InboundRecord record(
      CloudEvent<TemplateSend> command, Instant written, Map<String, byte[]> headers) {
    return new InboundRecord(
        "wechat.commands", 0, 7, USER_KEY, h.codec.encode(command), headers, Optional.of(written));
  }

  /** The headers of a record parked after an unanswered attempt first tried at {@code first}. */
  private static Map<String, byte[]> parkedUnanswered(Instant first) {
    Map<String, byte[]> headers = new HashMap<>();
    headers.put(Parked.ATTEMPTS_HEADER, bytes("1"));
    headers.put(Parked.DUE_HEADER, bytes(Long.toString(first.toEpochMilli())));
    headers.put(Parked.FIRST_TRIED_HEADER, bytes(Long.toString(first.toEpochMilli())));
    headers.put(Parked.UNANSWERED_HEADER, bytes("1"));
    return headers;
  }

  private Instant now() {
    return h.clock.instant();
  }

  @Test
  void aLostAnswerJustInsideTheWindowIsSentAgainUnderTheSameClientMsgId() throws Exception {
    h.wechat.losesTheAnswer().succeeds(Map.of("msgid", 2002283321L));
    // Written 8 min 59 s ago: the retry's backoff (at most a second here) still falls inside.
    CloudEvent<TemplateSend> command = command("tpl-inside");
    h.processor.handle(record(command, now().minus(WINDOW).plusSeconds(1), Map.of()));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(((Number) result.response().get("msgid")).longValue()).isEqualTo(2002283321L);
    assertThat(h.wechat.calls).hasSize(2);
    assertThat(h.wechat.body(1).get("client_msg_id").asString())
        .isEqualTo(h.wechat.body(0).get("client_msg_id").asString())
        .isEqualTo(CommandCalls.clientmsgid("tpl-inside", 0));
    assertThat(h.correlations.template(APPID, 2002283321L)).contains("tpl-inside");
  }

  @Test
  void aParkedRetryOfAnUnansweredSendThatComesAfterTheWindowIsNotSent() throws Exception {
    h.wechat.answers(0);
    Instant first = now().minus(WINDOW).minusSeconds(1);
    // The retry record was written now; its header keeps the first try, 9 min 1 s ago.
    h.processor.handle(record(command("tpl-parked"), now(), parkedUnanswered(first)));

    assertThat(h.wechat.calls).isEmpty();
    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
    assertThat(result.reason()).contains("PT9M").contains("second message");
  }

  @Test
  void aParkedRetryOfAnUnansweredSendWithinTheWindowIsSent() throws Exception {
    h.wechat.succeeds(Map.of("msgid", 5L));
    h.processor.handle(
        record(command("tpl-parked-in"), now(), parkedUnanswered(now().minusSeconds(30))));

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aSendTakenOverAfterTheWindowFromAWorkerThatDiedInItsCallEndsUnknown() throws Exception {
    h.wechat.answers(0);
    CloudEvent<TemplateSend> command = command("tpl-taken");
    Instant written = now();
    h.ledger.claim("tpl-taken", USER_KEY, "dead-worker/wechat.commands-0@7", LEASE); // in its call
    h.clock.advance(WINDOW); // the record is processed again only now (its lease long over)

    h.processor.handle(record(command, written, Map.of()));

    assertThat(h.wechat.calls).as("no second message").isEmpty();
    assertThat(h.onlyResult().status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void aSendTakenOverWithinTheWindowIsSentAgain() throws Exception {
    h.wechat.succeeds(Map.of("msgid", 6L));
    CloudEvent<TemplateSend> command = command("tpl-taken-in");
    Instant written = now();
    h.ledger.claim("tpl-taken-in", USER_KEY, "dead-worker/wechat.commands-0@7", LEASE);
    h.clock.advance(LEASE.plusSeconds(1));

    h.processor.handle(record(command, written, Map.of()));

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aSendNothingOfWhichReachedWeChatIsTriedAgainAfterTheWindow() throws Exception {
    h.wechat.answers(-1, 0); // busy: not sent; the window does not matter
    h.processor.handle(record(command("tpl-busy"), now().minus(Duration.ofMinutes(20)), Map.of()));

    assertThat(h.wechat.calls).hasSize(2);
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aLostAnswerThenAStopInTheBackoffLeavesTheSendInDoubtForTheNextProcessing() throws Exception {
    h.wechat.losesTheAnswer().succeeds(Map.of("msgid", 7L));
    h.duringSleep =
        d -> {
          throw new InterruptedException("partition revoked"); // stopped during the backoff
        };
    CloudEvent<TemplateSend> command = command("tpl-stopped");
    InboundRecord record = record(command, now(), Map.of());
    assertThatThrownBy(() -> h.processor.handle(record)).isInstanceOf(InterruptedException.class);
    Thread.interrupted();
    h.duringSleep = d -> {};
    h.clock.advance(WINDOW.plusMinutes(2)); // the workers were down for 11 minutes

    h.processor.handle(record); // the same record, processed again

    assertThat(h.wechat.calls).as("no second message past WeChat's dedupe").hasSize(1);
    assertThat(h.onlyResult().status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void aLostAnswerOfARecordThatWaitedLongerThanTheWindowIsStillRepeatedRightAway()
      throws Exception {
    h.wechat.losesTheAnswer().succeeds(Map.of("msgid", 8L));
    // Written 20 minutes ago (the tail of a big campaign behind the rate limit), first sent now:
    // nothing came before this processing, so WeChat's window starts with its first call.
    h.processor.handle(record(command("tpl-late"), now().minus(Duration.ofMinutes(20)), Map.of()));

    assertThat(h.wechat.calls).hasSize(2);
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aRetryWhoseWaitCarriedItPastTheWindowEndsUnknownWithoutASecondCall() throws Exception {
    h.wechat.losesTheAnswer().succeeds(Map.of("msgid", 9L));
    h.duringSleep = d -> h.clock.advance(WINDOW); // the backoff, and a long rate-limit wait
    h.processor.handle(record(command("tpl-waited"), now(), Map.of()));

    assertThat(h.wechat.calls).as("no second message past WeChat's dedupe").hasSize(1);
    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
    assertThat(result.reason()).contains("second message");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
