package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.media.MediaFetcher;
import io.wxrelay.worker.media.MediaFiles;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.ratelimit.Limit;
import io.wxrelay.worker.wechat.CallOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One call under its permit and the command's claim, against a limit of one customer-service
 * message per 10 s on the harness's in-memory limiter and stepping clock: whether the call counts
 * at WeChat's side, and for how long (decision 0044).
 */
class PermittedCallTest {
  private static final String API = "message/custom/send";
  private static final Limit ONE_PER_10S = new Limit(1, Duration.ofSeconds(10), 1);
  private static final Duration LEASE = Duration.ofSeconds(24);
  private static final String KEY = APPID + ":oUser1";
  private static final String ID = "cmd-permitted";

  private final DispatchHarness h = new DispatchHarness("*:" + API + "=1/10s");
  private final CallPlan plan =
      new CommandCalls(h.codec.mapper(), 10_000)
          .plan(
              h.command(
                  EventType.CUSTOM_SEND,
                  ID,
                  new CustomSend("oUser1", CustomMessage.text("hello"))));
  private final LoadedFiles files =
      new LoadedFiles(
          new MediaFiles(
              new MediaFetcher(new MediaFetcher.Settings(Duration.ofSeconds(20), Set.of()))));

  private Optional<CallOutcome> make(Claims claims) throws InterruptedException {
    return new PermittedCall(h.calls, h.clock)
        .make(
            plan, plan.calls().getFirst(), claims, new ResultSheet(plan, 0, "https://mp/"), files);
  }

  /** Whether the limit has room at WeChat's side for one more call now. */
  private boolean roomForAnother() {
    return h.limiter.go(APPID, API, ONE_PER_10S, 99, LEASE).isZero();
  }

  @Test
  void anAnsweredCallCountsUntilAPeriodAfterItsAnswerNotForItsLease() throws Exception {
    h.wechat.answers(0);

    Optional<CallOutcome> made = make(h.claims(plan, KEY, "worker-a", Duration.ofSeconds(30)));

    assertThat(made).get().isInstanceOf(CallOutcome.Ok.class);
    assertThat(h.wechat.calls).hasSize(1);
    assertThat(roomForAnother()).as("counted from its answer").isFalse();
    h.clock.advance(Duration.ofSeconds(11)); // past the period, well within the 24 s lease
    assertThat(roomForAnother()).as("told over: no longer counted").isTrue();
  }

  @Test
  void aCallTheClaimStopsIsNeitherMadeNorCounted() throws Exception {
    assertThat(h.ledger.claim(ID, KEY, "worker-b", Duration.ofSeconds(30)))
        .isInstanceOf(Claim.Granted.class);

    Optional<CallOutcome> made = make(h.claims(plan, KEY, "worker-a", Duration.ofSeconds(30)));

    assertThat(made).isEmpty();
    assertThat(h.wechat.calls).isEmpty();
    assertThat(roomForAnother()).isTrue();
  }
}
