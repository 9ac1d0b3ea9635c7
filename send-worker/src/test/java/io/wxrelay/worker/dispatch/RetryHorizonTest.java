package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static io.wxrelay.worker.dispatch.DispatchHarness.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.parking.Parked;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retries are bounded by time: a command is tried again while its next attempt falls within the
 * retry horizon after its first one, counted across parks on the retry topic, so an outage shorter
 * than the horizon costs delay, not a dead letter.
 */
class RetryHorizonTest {
  private final DispatchHarness h = new DispatchHarness();

  @Test
  void aParkedCommandKeepsTheTimeOfItsFirstAttempt() throws Exception {
    h.wechat.answers(45011); // parked until the next minute
    h.processor.handle(parked("cmd-first", 1, NOW.minus(Duration.ofMinutes(5))));

    InboundRecord again = h.received(h.published("retry").getFirst());
    assertThat(Parked.of(again).flatMap(Parked::firstTried))
        .contains(NOW.minus(Duration.ofMinutes(5)));
  }

  @Test
  void aNewCommandCountsFromItsFirstAttempt() throws Exception {
    h.wechat.answers(45011);
    h.processor.handle(h.record(h.command(EventType.CUSTOM_SEND, "cmd-new", send()), APPID));

    InboundRecord parked = h.received(h.published("retry").getFirst());
    assertThat(Parked.of(parked).flatMap(Parked::firstTried)).contains(NOW);
  }

  @Test
  void aCommandWithinItsHorizonIsTriedAgain() throws Exception {
    h.wechat.answers(-1, 0); // WeChat busy once more, then fine
    h.processor.handle(parked("cmd-late", 1, NOW.minus(DispatchHarness.HORIZON).plusSeconds(60)));

    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aCommandWhoseNextAttemptWouldFallAfterItsHorizonIsDead() throws Exception {
    h.wechat.answers(-1);
    h.processor.handle(
        parked("cmd-too-late", 1, NOW.minus(DispatchHarness.HORIZON).plusMillis(50)));

    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.RETRIES_EXHAUSTED);
    assertThat(letter.reason()).contains("the next would come after the retry horizon of PT30M");
    assertThat(letter.attempts()).as("far fewer than the attempt bound").isEqualTo(2);
    assertThat(h.onlyResult().status()).isEqualTo(Status.DEAD);
  }

  private InboundRecord parked(String id, int attempts, Instant firstTried) {
    return h.record(
        h.codec.encode(h.command(EventType.CUSTOM_SEND, id, send())),
        APPID + ":oUser1",
        Map.of(
            Parked.ATTEMPTS_HEADER, bytes(Integer.toString(attempts)),
            Parked.DUE_HEADER, bytes(Long.toString(NOW.toEpochMilli())),
            Parked.FIRST_TRIED_HEADER, bytes(Long.toString(firstTried.toEpochMilli()))));
  }

  private static CustomSend send() {
    return new CustomSend("oUser1", CustomMessage.text("hello"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
