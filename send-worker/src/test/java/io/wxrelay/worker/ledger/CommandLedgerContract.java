package io.wxrelay.worker.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.worker.ledger.CommandLedger.Claim;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CommandLedger} does: claims, stored results, and a key's order across parking.
 * Run against Redis ({@code RedisCommandLedgerIT}) and in memory ({@code
 * InMemoryCommandLedgerTest}); leases and holds are real time, so a case takes up to about a
 * second.
 */
public abstract class CommandLedgerContract {
  protected static final Duration LEASE = Duration.ofSeconds(5);
  protected static final String USER = "wx5823bf96d3bd56c7:oUser";

  /** A ledger of its own for this case: empty, results and claims kept a minute. */
  protected abstract CommandLedger ledger(Duration orderHold);

  /** The id first in line under {@code orderKey}, or null. */
  protected abstract String head(String orderKey);

  /** Whether the ledger keeps nothing for {@code orderKey} any more. */
  protected abstract boolean forgot(String orderKey);

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aClaimHoldsTheCommandUntilItsResultIsStoredThenReplaysGetTheResult() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    assertThat(ledger.claim("c1", USER, "w1", LEASE)).isEqualTo(new Claim.Granted(false));
    assertThat(ledger.renew("c1", USER, "w1", LEASE)).isEqualTo(new Claim.Granted(false));
    assertThat(ledger.claim("c1", USER, "w2", LEASE)).isInstanceOf(Claim.Busy.class);

    assertThat(ledger.complete("c1", USER, bytes("first"))).isEqualTo(bytes("first"));
    assertThat(ledger.complete("c1", USER, bytes("second"))).isEqualTo(bytes("first"));
    assertThat(ledger.claim("c1", USER, "w3", LEASE))
        .isInstanceOfSatisfying(
            Claim.Done.class, done -> assertThat(done.result()).isEqualTo(bytes("first")));
  }

  @Test
  void eachStepsFirstOutcomeIsRememberedUnderItsCommand() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    assertThat(ledger.stepsDone("c1")).isEmpty();

    ledger.stepDone("c1", "thumb-0", "thumb_a");
    ledger.stepDone("c1", "thumb-0", "thumb_b"); // a repeat after a lost answer keeps the first
    ledger.stepDone("c1", "news", "news_n");

    assertThat(ledger.stepsDone("c1"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("thumb-0", "thumb_a", "news", "news_n"));
    assertThat(ledger.stepsDone("c2")).isEmpty();
  }

  @Test
  void aLapsedClaimIsTakenOverAndSaysSo() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    ledger.claim("c1", null, "w1", Duration.ofMillis(50));
    assertThat(ledger.claim("c1", null, "w2", LEASE)).isInstanceOf(Claim.Busy.class);
    Claim afterTheLease =
        await()
            .atMost(Duration.ofSeconds(2))
            .until(() -> ledger.claim("c1", null, "w2", LEASE), Claim.Granted.class::isInstance);
    assertThat(afterTheLease).isEqualTo(new Claim.Granted(true));
    assertThat(ledger.claim("c1", null, "w3", LEASE)).isInstanceOf(Claim.Busy.class);
  }

  @Test
  void aClaimGivenBackBetweenCallsIsTakenOverWithoutDoubt() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    ledger.claim("c1", null, "w1", Duration.ofMillis(50));
    ledger.rest("c1", "w1");
    assertThat(ledger.claim("c1", null, "w2", LEASE)).isInstanceOf(Claim.Busy.class);
    Claim afterTheLease =
        await()
            .atMost(Duration.ofSeconds(2))
            .until(() -> ledger.claim("c1", null, "w2", LEASE), Claim.Granted.class::isInstance);
    assertThat(afterTheLease).isEqualTo(new Claim.Granted(false));
    ledger.rest("c1", "w1"); // not the holder any more: changes nothing
    assertThat(ledger.claim("c1", null, "w2", LEASE)).isEqualTo(new Claim.Granted(true));
  }

  @Test
  void anOwnerResumesItsOwnClaimAtOnceAndOnlyAfterACallSaysItMayHaveActed() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    ledger.claim("c1", USER, "w1", LEASE);
    ledger.rest("c1", "w1");
    // The same worker processes the record again (its earlier processing stopped between calls):
    // no wait for its own lease, and no doubt.
    assertThat(ledger.claim("c1", USER, "w1", LEASE)).isEqualTo(new Claim.Granted(false));
    // That processing stops during its call: the next one cannot know whether WeChat acted.
    assertThat(ledger.claim("c1", USER, "w1", LEASE)).isEqualTo(new Claim.Granted(true));
    assertThat(ledger.renew("c1", USER, "w1", LEASE)).isEqualTo(new Claim.Granted(false));
    assertThat(ledger.claim("c1", USER, "w2", LEASE)).isInstanceOf(Claim.Busy.class);
  }

  @Test
  void aReleasedClaimIsFreeAtOnceButOnlyItsOwnerReleasesIt() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    ledger.claim("c1", USER, "w1", LEASE);
    ledger.release("c1", "w2");
    assertThat(ledger.claim("c1", USER, "w2", LEASE)).isInstanceOf(Claim.Busy.class);
    ledger.release("c1", "w1");
    assertThat(ledger.claim("c1", USER, "w2", LEASE)).isEqualTo(new Claim.Granted(false));
  }

  @Test
  void aParkedCommandHoldsTheLaterCommandsOfItsKeyInTheirOrder() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    Instant due = Instant.now().plusSeconds(30);
    ledger.claim("first", USER, "w1", LEASE);
    ledger.park("first", USER, "w1", due);

    assertThat(ledger.claim("second", USER, "w1", LEASE))
        .isEqualTo(new Claim.Behind(due.truncatedTo(ChronoUnit.MILLIS)));
    assertThat(ledger.claim("third", USER, "w1", LEASE)).isInstanceOf(Claim.Behind.class);
    assertThat(ledger.claim("other", USER + "x", "w1", LEASE)).isEqualTo(new Claim.Granted(false));
    assertThat(ledger.claim("keyless", null, "w1", LEASE)).isEqualTo(new Claim.Granted(false));

    // The parked one goes first when its retry comes, then the others one by one, in order.
    assertThat(ledger.claim("first", USER, "w2", LEASE)).isEqualTo(new Claim.Granted(false));
    assertThat(ledger.claim("third", USER, "w2", LEASE)).isInstanceOf(Claim.Behind.class);
    ledger.complete("first", USER, bytes("ok"));
    assertThat(ledger.claim("third", USER, "w2", LEASE)).isInstanceOf(Claim.Behind.class);
    assertThat(ledger.claim("second", USER, "w2", LEASE)).isEqualTo(new Claim.Granted(false));
    ledger.complete("second", USER, bytes("ok"));
    assertThat(ledger.claim("third", USER, "w2", LEASE)).isEqualTo(new Claim.Granted(false));
    ledger.complete("third", USER, bytes("ok"));

    assertThat(forgot(USER)).as("nothing kept for the key").isTrue();
  }

  @Test
  void aCommandParkedAgainKeepsItsPlaceAtTheHead() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    ledger.claim("first", USER, "w1", LEASE);
    ledger.park("first", USER, "w1", Instant.now().plusSeconds(5));
    assertThat(ledger.claim("second", USER, "w1", LEASE)).isInstanceOf(Claim.Behind.class);

    ledger.claim("first", USER, "w2", LEASE);
    Instant later = Instant.now().plusSeconds(60);
    ledger.park("first", USER, "w2", later);
    assertThat(ledger.claim("second", USER, "w3", LEASE))
        .isEqualTo(new Claim.Behind(later.truncatedTo(ChronoUnit.MILLIS)));
    assertThat(ledger.claim("first", USER, "w4", LEASE)).isEqualTo(new Claim.Granted(false));
  }

  @Test
  void behindARunningHeadACommandIsDueAtOnceAndAfterANapTheSecondTime() {
    CommandLedger ledger = ledger(Duration.ofMinutes(1));
    ledger.claim("first", USER, "w1", LEASE);
    ledger.park("first", USER, "w1", Instant.now());
    ledger.claim("first", USER, "w2", LEASE); // its retry runs now

    Instant asked = Instant.now();
    Claim.Behind behind = (Claim.Behind) ledger.claim("second", USER, "w1", LEASE);
    assertThat(behind.due()).isBetween(asked.minusMillis(100), Instant.now().plusMillis(100));
    // Its record ran, yet the head is still there: the head's record is late; no spinning.
    Claim.Behind again = (Claim.Behind) ledger.claim("second", USER, "w1", LEASE);
    assertThat(again.due()).isAfter(asked.plusMillis(900));
  }

  @Test
  void aRunningHeadHoldsItsKeyUntilItsLeaseIsOverAndTheHoldHasPassed() {
    CommandLedger ledger = ledger(Duration.ofMillis(400));
    ledger.claim("first", USER, "w1", LEASE);
    ledger.park("first", USER, "w1", Instant.now()); // due now: were it idle, stale in 400 ms
    assertThat(ledger.claim("second", USER, "w1", LEASE)).isInstanceOf(Claim.Behind.class);
    ledger.claim("first", USER, "w2", Duration.ofMillis(800)); // its retry runs

    assertThat(untilTheHeadIsNot("first", ledger, "third"))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_100)); // lease 800 + hold 400, give or take
    assertThat(head(USER)).isEqualTo("second");
  }

  @Test
  void aCommandThatComesFirstInLineGetsTheWholeHoldAndOnlyItIsDropped() {
    CommandLedger ledger = ledger(Duration.ofMillis(400));
    ledger.claim("first", USER, "w1", LEASE);
    ledger.park("first", USER, "w1", Instant.now());
    ledger.park("second", USER, "w1", Instant.now().minusSeconds(10)); // in line, its time old
    ledger.claim("third", USER, "w1", LEASE);
    ledger.claim("first", USER, "w2", LEASE);
    ledger.complete("first", USER, bytes("ok")); // the second is the head from now on

    assertThat(untilTheHeadIsNot("second", ledger, "fourth"))
        .isGreaterThanOrEqualTo(Duration.ofMillis(350));
    assertThat(head(USER)).isEqualTo("third"); // the rest keep their order
    assertThat(ledger.claim("fourth", USER, "w1", LEASE)).isInstanceOf(Claim.Behind.class);
    assertThat(ledger.claim("third", USER, "w1", LEASE)).isEqualTo(new Claim.Granted(false));
  }

  @Test
  void aHeadLongPastItsDueNoLongerHoldsItsKey() {
    CommandLedger ledger = ledger(Duration.ofMillis(500));
    ledger.claim("lost", USER, "w1", LEASE);
    ledger.park("lost", USER, "w1", Instant.now().minusSeconds(1)); // its retry never came
    assertThat(ledger.claim("next", USER, "w1", LEASE)).isEqualTo(new Claim.Granted(false));
  }

  /**
   * Claims {@code claimant} (a later command of the key, which only queues) until {@code head} is
   * no longer first in line (a head is dropped only when a claim looks at it); how long that took.
   */
  private Duration untilTheHeadIsNot(String head, CommandLedger ledger, String claimant) {
    long start = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              ledger.claim(claimant, USER, "w9", LEASE);
              return !head.equals(head(USER));
            });
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
