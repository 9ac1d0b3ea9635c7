package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.plan.CommandCalls;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run keeps what it knows when the worker around it fails: its call's answer survives Redis being
 * unreachable and an interrupt, and a run that stops between calls leaves a claim that the next
 * processing takes at once (its own worker) or without doubt (another one), instead of an UNKNOWN
 * for a message that was never in flight.
 */
class ClaimResumeTest {
  private static final String USER_KEY = APPID + ":oUser1";
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final DispatchHarness h = new DispatchHarness();
  private final CommandCalls calls = new CommandCalls(h.codec.mapper(), 10_000);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private CloudEvent<CustomSend> custom(String id) {
    return h.command(EventType.CUSTOM_SEND, id, new CustomSend("oUser1", CustomMessage.text(id)));
  }

  private InboundRecord run(CloudEvent<CustomSend> command) throws InterruptedException {
    InboundRecord record = h.record(command, USER_KEY);
    h.run.run(calls.plan(command), record, 0);
    return record;
  }

  @Test
  void aResultIsStoredOnceRedisIsBackInsteadOfBeingLostAfterItsCall() throws Exception {
    h.wechat.answers(0);
    h.store.failNext("complete", 3);
    run(custom("cmd-redis-blip"));

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.ledger.resultOf("cmd-redis-blip")).as("stored after the outage").isNotNull();
    assertThat(h.sleeps).as("waited between the tries").hasSize(3);
  }

  @Test
  void anAnswerThatArrivesAfterAnInterruptIsStoredAndTheInterruptKept() throws Exception {
    h.wechat.answers(0);
    Thread.currentThread().interrupt(); // revoked while the call was out
    // Publishing waits, so it stops; the ledger has the result, and the next processing of the
    // record (after the rebalance) publishes it without a call.
    assertThatThrownBy(() -> run(custom("cmd-interrupted"))).hasMessageContaining("interrupted");

    assertThat(h.ledger.resultOf("cmd-interrupted")).contains("SUCCEEDED");
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void aRunInterruptedBetweenAttemptsGivesItsClaimBackAtOnce() {
    h.wechat.answers(-1, 0); // busy: nothing reached WeChat; the run sleeps before the next try
    h.duringSleep =
        d -> {
          throw new InterruptedException("partition revoked");
        };

    assertThatThrownBy(() -> run(custom("cmd-drained"))).isInstanceOf(InterruptedException.class);
    assertThat(h.ledger.claim("cmd-drained", USER_KEY, "another worker", LEASE))
        .as("no lease to wait out, nothing in doubt")
        .isEqualTo(new Claim.Granted(false));
  }

  @Test
  void aWorkerThatDiesBetweenAttemptsLeavesAClaimTakenOverWithoutDoubt() {
    h.wechat.answers(-1, 0);
    AtomicReference<Claim> next = new AtomicReference<>();
    h.duringSleep =
        d -> {
          h.clock.advance(LEASE.plusSeconds(1)); // the lease of the dead worker's claim ran out
          next.set(h.ledger.claim("cmd-died", USER_KEY, "the next worker", LEASE));
          throw new IllegalStateException("SIGKILL"); // no finally, no release
        };

    assertThatThrownBy(() -> run(custom("cmd-died"))).hasMessage("SIGKILL");
    assertThat(next.get()).isEqualTo(new Claim.Granted(false));
  }

  @Test
  void theSameWorkerProcessingTheRecordAgainResumesItsClaimWithoutWaiting() throws Exception {
    h.wechat.answers(-1, 0);
    h.store.failNext("renew", 1); // Redis gone when the run claims again after its sleep
    CloudEvent<CustomSend> command = custom("cmd-again");
    InboundRecord record = h.record(command, USER_KEY);
    assertThatThrownBy(() -> h.run.run(calls.plan(command), record, 0))
        .isInstanceOf(RuntimeException.class);
    int sleepsBefore = h.sleeps.size();

    h.run.run(calls.plan(command), record, 0); // the engine tries the record again

    assertThat(h.onlyResult().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.wechat.calls).hasSize(2);
    assertThat(h.sleeps.size() - sleepsBefore).as("no wait for its own lease").isZero();
  }

  @Test
  void aCallThatMayHaveActedIsNotForgottenByTheSameWorker() throws Exception {
    h.wechat.losesTheAnswer(); // sent, answer lost: the run ends UNKNOWN, no second send
    h.store.failNext("complete", 1);
    run(custom("cmd-lost"));

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.onlyResult().status()).isEqualTo(Status.UNKNOWN);
  }
}
