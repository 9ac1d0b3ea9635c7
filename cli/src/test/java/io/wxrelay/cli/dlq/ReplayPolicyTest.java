package io.wxrelay.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.cli.dlq.ReplayPolicy.Decision;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReplayPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Duration KEPT = Duration.ofDays(30);
  private static final ReplayPolicy POLICY = new ReplayPolicy(KEPT, false);
  private static final ReplayPolicy FORCED = new ReplayPolicy(KEPT, true);
  private static final Optional<Status> DEAD = Optional.of(Status.DEAD);
  private static final Decision REPLAYED = new Decision.Replay(Optional.empty());

  @Test
  void aDeadCommandNothingOfWhichReachedWeChatIsReplayed() {
    assertThat(POLICY.decide(letter("retriesExhausted", 3, false, null, 1), DEAD, NOW))
        .isEqualTo(REPLAYED);
    assertThat(POLICY.decide(letter("permanent", 1, false, 40003, 1), DEAD, NOW))
        .isEqualTo(REPLAYED);
  }

  @Test
  void aLetterWithoutAStoredResultWithinTheLedgersRetentionIsReplayed() {
    assertThat(POLICY.decide(letter("retriesExhausted", 2, false, null, 29), Optional.empty(), NOW))
        .isEqualTo(REPLAYED);
  }

  @Test
  void aLetterOlderThanTheLedgersRetentionWhoseResultIsGoneIsRefused() {
    Decision decision =
        POLICY.decide(letter("retriesExhausted", 2, false, null, 31), Optional.empty(), NOW);

    assertThat(decision).isInstanceOf(Decision.Refuse.class);
    assertThat(((Decision.Refuse) decision).why())
        .contains("the ledger no longer holds its result")
        .contains("30 days")
        .contains("WORKER_DEAD_RESULT_TTL");
  }

  @Test
  void anOldLetterWhoseResultIsStillStoredIsReplayed() {
    assertThat(POLICY.decide(letter("retriesExhausted", 2, false, null, 45), DEAD, NOW))
        .isEqualTo(REPLAYED);
  }

  @Test
  void aLetterThatSaysAnAttemptWentUnansweredIsRefused() {
    Decision decision = POLICY.decide(letter("retriesExhausted", 5, true, null, 1), DEAD, NOW);

    assertThat(((Decision.Refuse) decision).why())
        .contains("an attempt went without an answer")
        .contains("WeChat may have carried it out");
  }

  @Test
  void aLetterThatSaysNothingWentUnansweredIsTrustedOverTheStoredErrorClass() {
    // An upload whose file was missing: DEAD with error class unknown, and nothing was sent.
    assertThat(POLICY.decide(letter("unknown", 1, false, null, 1), DEAD, NOW)).isEqualTo(REPLAYED);
  }

  @Test
  void aSucceededOrUnknownStoredResultIsRefused() {
    for (Status status : new Status[] {Status.SUCCEEDED, Status.UNKNOWN}) {
      Decision decision =
          POLICY.decide(letter("retriesExhausted", 1, false, null, 1), Optional.of(status), NOW);
      assertThat(((Decision.Refuse) decision).why()).contains("its stored result is " + status);
    }
  }

  @Test
  void aPoisonedRecordsLetterIsRefused() {
    assertThat(POLICY.decide(letter("unknown", 0, true, null, 1), Optional.empty(), NOW))
        .isInstanceOf(Decision.Refuse.class);
  }

  @Test
  void aLetterFromBeforeTheFieldIsJudgedConservatively() {
    assertThat(POLICY.decide(letter("retriesExhausted", 3, null, null, 1), DEAD, NOW))
        .as("several attempts: one may have gone unanswered")
        .isInstanceOf(Decision.Refuse.class);
    assertThat(POLICY.decide(letter("unknown", 0, null, null, 1), Optional.empty(), NOW))
        .as("the worker failed on it, maybe after a call")
        .isInstanceOf(Decision.Refuse.class);
    assertThat(POLICY.decide(letter("permanent", 1, null, 40003, 1), DEAD, NOW))
        .as("one attempt, and WeChat answered it")
        .isEqualTo(REPLAYED);
  }

  @Test
  void forceReplaysWhatWouldBeRefusedAndSaysWhatItOverrides() {
    Decision decision =
        FORCED.decide(letter("retriesExhausted", 2, false, null, 31), Optional.empty(), NOW);

    assertThat(decision).isInstanceOf(Decision.Replay.class);
    assertThat(((Decision.Replay) decision).overridden())
        .hasValueSatisfying(why -> assertThat(why).contains("no longer holds its result"));
  }

  @Test
  void recordsThatWouldDieAgainAreSkippedEvenWithForce() {
    for (String errorClass : new String[] {"malformed", "unknownType", "invalid"}) {
      assertThat(FORCED.decide(letter(errorClass, 0, false, null, 1), Optional.empty(), NOW))
          .isInstanceOf(Decision.Skip.class);
    }
  }

  @Test
  void aFailedStoredResultIsReplayedLikeADeadOne() {
    assertThat(
            POLICY.decide(letter("permanent", 1, false, 40003, 1), Optional.of(Status.FAILED), NOW))
        .isEqualTo(REPLAYED);
  }

  @Test
  void aLetterThatDoesNotHoldTheCommandCannotBeReplayedAndSaysWhereItIs() {
    var data = (ObjectNode) letter("retriesExhausted", 1, false, null, 1);
    ((ObjectNode) data.get("original")).remove("valueBase64");

    assertThat(POLICY.decide(data, DEAD, NOW))
        .isEqualTo(new Decision.Unheld("wechat.commands-2@17"));
    assertThat(FORCED.decide(data, Optional.of(Status.SUCCEEDED), NOW))
        .isEqualTo(new Decision.Unheld("wechat.commands-2@17"));
  }

  /** A letter's data, written {@code daysAgo}; {@code said} null: without mayHaveReachedWeChat. */
  private static JsonNode letter(
      String errorClass, int attempts, Boolean said, Integer errcode, int daysAgo) {
    var data = JsonMapper.builder().build().createObjectNode();
    data.put("reason", "test");
    data.put("errorClass", errorClass);
    data.put("commandId", "crm-1");
    data.put("attempts", attempts);
    if (said != null) {
      data.put("mayHaveReachedWeChat", said);
    }
    if (errcode != null) {
      data.put("errcode", errcode);
    }
    data.put("failedAt", NOW.minus(Duration.ofDays(daysAgo)).toString());
    data.putObject("original")
        .put("topic", "wechat.commands")
        .put("partition", 2)
        .put("offset", 17)
        .put("valueBase64", "e30=");
    return data;
  }
}
