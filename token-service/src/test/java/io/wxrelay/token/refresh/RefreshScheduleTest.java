package io.wxrelay.token.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.token.store.StoredToken;
import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a token is due and how long each kind of failure holds the next refresh back, as pure
 * answers for given times: no store, no endpoint, no clock.
 */
class RefreshScheduleTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final long NONE_REPORTED = -1;
  static final RefreshSettings SETTINGS =
      new RefreshSettings(
          "replica-1",
          Duration.ofSeconds(30),
          Duration.ofMinutes(5), // classic tokens refreshed 5 minutes before they expire
          Duration.ofMinutes(5), // stable: WeChat renews in the last 5 minutes
          2,
          Duration.ofMinutes(1),
          Duration.ofMinutes(10),
          Duration.ofHours(1),
          Duration.ofSeconds(1),
          Duration.ofMinutes(1));

  private final RefreshSchedule classic = new RefreshSchedule(SETTINGS, Endpoint.CLASSIC);
  private final RefreshSchedule stable = new RefreshSchedule(SETTINGS, Endpoint.STABLE);

  /** A token of {@code endpoint}, generation 3, obtained at T0 for {@code life}. */
  private static Optional<StoredToken> token(String endpoint, Duration life) {
    return Optional.of(new StoredToken(APPID, "t", 3, T0, T0.plus(life), endpoint));
  }

  private static Optional<StoredToken> classicToken() {
    return token("classic", Duration.ofHours(2));
  }

  @Test
  void noTokenOrOneOfTheOtherEndpointIsDueAtOnce() {
    assertThat(classic.due(Optional.empty(), NONE_REPORTED, T0)).contains(Reason.STARTUP);
    assertThat(classic.due(token("stable", Duration.ofHours(2)), NONE_REPORTED, T0))
        .contains(Reason.STARTUP);
  }

  @Test
  void aReportOfTheCurrentGenerationIsDueAndOfAnOlderOneIsNot() {
    assertThat(classic.due(classicToken(), 3, T0)).contains(Reason.REPORTED_INVALID);
    assertThat(classic.due(classicToken(), 2, T0)).isEmpty();
  }

  @Test
  void aClassicTokenIsDueItsMarginBeforeItExpires() {
    Instant due = T0.plus(Duration.ofMinutes(115));

    assertThat(classic.refreshAt(classicToken().orElseThrow())).isEqualTo(due);
    assertThat(classic.due(classicToken(), NONE_REPORTED, due.minusMillis(1))).isEmpty();
    assertThat(classic.due(classicToken(), NONE_REPORTED, due)).contains(Reason.AHEAD_OF_EXPIRY);
  }

  @Test
  void aStableTokenIsDueInsideWeChatsRenewalWindow() {
    // The 5-minute margin is no earlier than nine tenths of the 5-minute window: 4.5 minutes.
    StoredToken token = token("stable", Duration.ofHours(2)).orElseThrow();

    assertThat(stable.refreshAt(token)).isEqualTo(T0.plus(Duration.ofMinutes(115).plusSeconds(30)));
  }

  @Test
  void aTokenIsNeverDueInTheFirstHalfOfItsLife() {
    // expires_in of 300 s, below the 5-minute margin: due at half its life, not at once.
    StoredToken token = token("classic", Duration.ofSeconds(300)).orElseThrow();

    assertThat(classic.refreshAt(token)).isEqualTo(T0.plusSeconds(150));
  }

  @Test
  void theNextLookIsWhenTheTokenIsDueButAtMostTenSecondsAway() {
    StoredToken token = classicToken().orElseThrow();

    assertThat(classic.untilDue(token, T0)).isEqualTo(RefreshSchedule.MAX_SLEEP);
    assertThat(classic.untilDue(token, T0.plus(Duration.ofMinutes(115)).minusSeconds(3)))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void nothingHoldsARefreshBackBeforeAnyFailure() {
    assertThat(classic.heldFor(T0)).isZero();
  }

  @Test
  void aConfigurationErrorAndASpentQuotaHoldTheNextRefreshBackByTheirWaits() {
    assertThat(classic.configError(T0)).isEqualTo(Duration.ofMinutes(10));
    assertThat(classic.heldFor(T0.plus(Duration.ofMinutes(4)))).isEqualTo(Duration.ofMinutes(6));
    assertThat(classic.heldFor(T0.plus(Duration.ofMinutes(10)))).isZero();

    assertThat(classic.quotaSpent(T0)).isEqualTo(Duration.ofHours(1));
    assertThat(classic.heldFor(T0)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void temporaryFailuresInARowBackOffMoreEachTime() {
    assertThat(classic.transientFailure(T0)).isEqualTo(1);
    assertThat(classic.heldFor(T0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    classic.transientFailure(T0);
    classic.transientFailure(T0);
    assertThat(classic.transientFailure(T0)).isEqualTo(4);
    assertThat(classic.heldFor(T0)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(classic.backoff()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
  }

  @Test
  void theBackoffIsCappedAtItsLongestWait() {
    for (int i = 0; i < 20; i++) {
      classic.transientFailure(T0);
    }

    assertThat(classic.heldFor(T0)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  @Test
  void anIssuedTokenForgetsTheFailures() {
    classic.transientFailure(T0);
    classic.transientFailure(T0);
    classic.configError(T0);

    classic.issued();

    assertThat(classic.heldFor(T0)).isZero();
    assertThat(classic.transientFailure(T0)).isEqualTo(1);
  }

  @Test
  void aStableTokenThatCameBackUnchangedIsAskedForAgainInATenthOfTheWindow() {
    stable.unchanged(T0);

    assertThat(stable.heldFor(T0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aSpentForceBudgetWaitsTheLeastIntervalWhenTooSoonAndAnHourWhenNoneIsLeft() {
    classic.budgetSpent(-2, T0);
    assertThat(classic.heldFor(T0)).isEqualTo(Duration.ofMinutes(1));

    classic.budgetSpent(-1, T0);
    assertThat(classic.heldFor(T0)).isEqualTo(Duration.ofHours(1));
  }
}
