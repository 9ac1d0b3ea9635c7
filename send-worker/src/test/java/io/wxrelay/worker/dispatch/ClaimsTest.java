package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.plan.CommandCalls;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The lease of a run's claim, on the harness's clock (its sleeps move it): a hold renews the claim
 * once a third of the lease is gone and not before, and a claim lost meanwhile (taken over, or the
 * command ended by another worker) stops the run instead of letting it call.
 */
class ClaimsTest {
  private static final String KEY = APPID + ":oUser1";
  private static final String ID = "cmd-lease";
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final DispatchHarness h = new DispatchHarness();
  private final Claims claims = claims("worker-a/wechat.commands-0@0");

  private Claims claims(String owner) {
    return claims(h.ledger, owner);
  }

  private Claims claims(CommandLedger ledger, String owner) {
    CustomSend send = new CustomSend("oUser1", CustomMessage.text("hello"));
    return h.claims(
        ledger,
        new CommandCalls(h.codec.mapper(), 10_000).plan(h.command(EventType.CUSTOM_SEND, ID, send)),
        KEY,
        owner,
        LEASE);
  }

  /** What another worker finds when it claims the command now. */
  private Claim anotherWorkerClaims() {
    return h.ledger.claim(ID, KEY, "worker-b/wechat.commands-0@0", LEASE);
  }

  @Test
  void aClaimYoungerThanAThirdOfItsLeaseIsNotRenewed() throws Exception {
    assertThat(claims.hold()).isTrue();
    h.clock.advance(Duration.ofSeconds(9));
    assertThat(claims.hold()).isTrue();

    h.clock.advance(Duration.ofSeconds(21)); // 30 s after the claim: its lease is over
    assertThat(anotherWorkerClaims()).isEqualTo(new Claim.Granted(true));
  }

  @Test
  void aClaimOlderThanAThirdOfItsLeaseIsRenewedForAWholeLease() throws Exception {
    assertThat(claims.hold()).isTrue();
    h.clock.advance(Duration.ofSeconds(10));
    assertThat(claims.hold()).isTrue();

    h.clock.advance(Duration.ofSeconds(29)); // 39 s after the claim, 29 s after its renewal
    assertThat(anotherWorkerClaims()).isInstanceOf(Claim.Busy.class);
    assertThat(h.sleeps).as("a renewal does not wait").isEmpty();
  }

  @Test
  void aClaimsAgeCountsFromBeforeItsRoundTripToTheLedger() throws Exception {
    // The ledger takes the claim at once and its answer comes 2 s later: the lease ran meanwhile.
    Duration roundTrip = Duration.ofSeconds(2);
    CommandLedger slow =
        (CommandLedger)
            Proxy.newProxyInstance(
                CommandLedger.class.getClassLoader(),
                new Class<?>[] {CommandLedger.class},
                (proxy, method, args) -> {
                  Object answer = method.invoke(h.ledger, args);
                  if (method.getName().equals("claim") || method.getName().equals("renew")) {
                    h.clock.advance(roundTrip);
                  }
                  return answer;
                });
    Claims slowly = claims(slow, "worker-a/wechat.commands-0@0");
    slowly.hold(); // the ledger takes it at 0 s, until 30 s; its answer comes at 2 s

    h.clock.advance(Duration.ofSeconds(8)); // 10 s after the ledger took it: a third of the lease
    slowly.hold(); // renewed at 10 s, until 40 s; answered at 12 s

    h.clock.advance(Duration.ofSeconds(21)); // 33 s: the first lease is over, the renewal's is not
    assertThat(anotherWorkerClaims()).isInstanceOf(Claim.Busy.class);
  }

  @Test
  void aRenewalMeasuresFromTheLastClaimNotTheFirst() throws Exception {
    claims.hold();
    h.clock.advance(Duration.ofSeconds(10));
    claims.hold(); // renewed: until 40 s
    h.clock.advance(Duration.ofSeconds(9));
    claims.hold(); // 9 s after the renewal: not renewed again

    h.clock.advance(Duration.ofSeconds(21)); // 40 s: the renewal's lease is over
    assertThat(anotherWorkerClaims()).isEqualTo(new Claim.Granted(true));
  }

  @Test
  void aClaimTakenOverMeanwhileStopsTheRunAtItsNextRenewal() throws Exception {
    claims.hold();
    h.clock.advance(Duration.ofSeconds(31)); // the lease ran out: another worker takes it over
    assertThat(anotherWorkerClaims()).isEqualTo(new Claim.Granted(true));

    // The renewal waits out the other worker's lease, then finds the command taken over.
    assertThatThrownBy(claims::hold)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("taken over");
    assertThat(h.sleeps).isNotEmpty();
  }

  @Test
  void aCommandEndedByAnotherWorkerMeanwhileStopsTheRunAtItsNextRenewal() throws Exception {
    claims.hold();
    h.clock.advance(Duration.ofSeconds(31));
    anotherWorkerClaims();
    h.ledger.complete(ID, KEY, "the other worker's result".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(claims::hold).isInstanceOf(IllegalStateException.class);
    assertThat(h.sleeps).isEmpty();
  }

  @Test
  void aClaimThatRanOutUntouchedIsRenewedWithoutDoubt() throws Exception {
    claims.hold();
    h.clock.advance(Duration.ofSeconds(45)); // a long permit wait; nobody took the command

    assertThat(claims.hold()).isTrue();
    assertThat(anotherWorkerClaims()).isInstanceOf(Claim.Busy.class);
  }

  @Test
  void aFirstHoldOfACommandTakenOverFromAHolderInACallRefusesAPlanThatCannotBeRepeated()
      throws Exception {
    anotherWorkerClaims();
    h.clock.advance(Duration.ofSeconds(31));

    assertThat(claims.hold()).isFalse();
    assertThat(claims.refusal()).contains(new Claim.Granted(true));
  }
}
