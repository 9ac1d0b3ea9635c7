package io.wxrelay.token.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.token.metrics.TokenMetrics;
import io.wxrelay.token.store.InMemoryTokenStore;
import io.wxrelay.token.store.StoredToken;
import io.wxrelay.token.upstream.AppCredentials;
import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import io.wxrelay.token.upstream.FetchOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refresh schedule of one account, one {@code step} at a time on a clock the test moves: when a
 * token is due, what each kind of fetch failure waits, the lock, and WeChat's stable token that
 * does not change when asked.
 */
class AppRefresherTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");

  /** The settings whose schedule {@link RefreshScheduleTest} tests alone. */
  private static final RefreshSettings SETTINGS = RefreshScheduleTest.SETTINGS;

  private Instant now = START;
  private final InstantSource clock = () -> now;
  private final InMemoryTokenStore store = new InMemoryTokenStore(clock);
  private final ScriptedEndpoint wechat = new ScriptedEndpoint();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private AppRefresher refresher(Endpoint endpoint) {
    return new AppRefresher(
        new AppCredentials(APPID, "secret", endpoint),
        SETTINGS,
        store,
        wechat,
        new TokenMetrics(registry),
        clock);
  }

  private StoredToken stored() {
    return store.read(APPID).orElseThrow();
  }

  @Test
  void atStartupATokenIsFetchedAndTheNextLookIsAtMostTenSecondsAway() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    assertThat(refresher.health().up()).isFalse();
    wechat.issues("t1", 7200);

    assertThat(refresher.step()).isZero();
    assertThat(stored().token()).isEqualTo("t1");
    assertThat(stored().generation()).isEqualTo(1);
    assertThat(refresher.health().up()).isTrue();
    assertThat(refresher.step()).isEqualTo(Duration.ofSeconds(10));
    assertThat(wechat.fetches).hasSize(1);
  }

  @Test
  void aClassicTokenIsRefreshedItsMarginBeforeItExpires() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    wechat.issues("t1", 7200).issues("t2", 7200);
    refresher.step();

    now = START.plus(Duration.ofMinutes(114)); // 6 minutes left
    assertThat(refresher.step()).isEqualTo(Duration.ofSeconds(10));
    now = START.plus(Duration.ofMinutes(115));
    refresher.step();
    assertThat(stored().token()).isEqualTo("t2");
    assertThat(stored().generation()).isEqualTo(2);
  }

  @Test
  void aTokenIsNeverRefreshedInTheFirstHalfOfItsLife() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    wechat.issues("short", 300).issues("next", 7200); // expires_in below the 5-minute margin
    refresher.step();

    now = START.plusSeconds(149);
    refresher.step();
    assertThat(stored().token()).isEqualTo("short");
    now = START.plusSeconds(150);
    refresher.step();
    assertThat(stored().token()).isEqualTo("next");
  }

  @Test
  void aReportOfTheCurrentGenerationRefreshesAndAReportOfAnOlderOneDoesNot() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    wechat.issues("t1", 7200).issues("t2", 7200);
    refresher.step();

    refresher.reportInvalid(0);
    refresher.step();
    assertThat(stored().generation()).isEqualTo(1);
    refresher.reportInvalid(1);
    refresher.step();
    assertThat(stored().token()).isEqualTo("t2");
  }

  @Test
  void whileAnotherReplicaHoldsTheLockNothingIsFetched() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    store.tryLock(APPID, "replica-2", Duration.ofSeconds(30));

    assertThat(refresher.step()).isEqualTo(Duration.ofMillis(200));
    assertThat(wechat.fetches).isEmpty();
  }

  @Test
  void aConfigurationErrorSaysWhyOnHealthAndWaitsItsBackoff() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    wechat.answers(new FetchOutcome.ConfigError(40125, "invalid appsecret")).issues("t1", 7200);

    refresher.step();
    assertThat(refresher.health().detail()).contains("invalid appsecret");
    assertThat(refresher.step()).isEqualTo(Duration.ofMinutes(10));
    now = START.plus(Duration.ofMinutes(10));
    refresher.step();
    assertThat(refresher.health().up()).isTrue();
    assertThat(wechat.fetches).hasSize(2);
  }

  @Test
  void aSpentQuotaWaitsAnHourAndATransientFailureBacksOffMoreEachTime() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    wechat
        .answers(new FetchOutcome.QuotaExhausted(45009, "quota"))
        .answers(new FetchOutcome.Transient("timeout"));
    refresher.step();
    assertThat(refresher.step()).isEqualTo(Duration.ofHours(1));

    now = now.plus(Duration.ofHours(1));
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      refresher.step();
      Duration wait = refresher.step();
      waits.add(wait);
      now = now.plus(wait);
    }
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(waits.get(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
  }

  @Test
  void aStableTokenReportedInvalidThatWeChatStillHandsOutIsForceRefreshedWithinTheBudget() {
    AppRefresher refresher = refresher(Endpoint.STABLE);
    wechat.issues("s1", 7200).issues("s1", 7200).issues("s2", 7200);
    refresher.step();

    refresher.reportInvalid(1);
    refresher.step();
    assertThat(stored().token()).isEqualTo("s2");
    assertThat(wechat.fetches).containsExactly(false, false, true);
    assertThat(registry.find("wxrelay.token.foreign.rotations").counter().count()).isEqualTo(1);
  }

  @Test
  void aWriteThatLostTheRaceKeepsTheNewerToken() {
    AppRefresher refresher = refresher(Endpoint.CLASSIC);
    wechat.issues("t1", 7200);
    refresher.step();
    now = START.plus(Duration.ofMinutes(116));
    // Between this replica's read and its write, another one writes generation 2.
    wechat.beforeAnswer(
        () -> store.writeIfCurrent(APPID, 1, "theirs", now, now.plusSeconds(7200), "classic"));
    wechat.issues("ours", 7200);

    refresher.step();
    assertThat(stored().token()).isEqualTo("theirs");
  }

  /** WeChat's token endpoint as a script; records whether each fetch forced a refresh. */
  private static final class ScriptedEndpoint implements io.wxrelay.token.upstream.TokenEndpoint {
    private final Deque<FetchOutcome> outcomes = new ArrayDeque<>();
    final List<Boolean> fetches = new ArrayList<>();
    private Runnable beforeAnswer = () -> {};

    ScriptedEndpoint issues(String token, long expiresIn) {
      return answers(new FetchOutcome.Issued(token, expiresIn));
    }

    ScriptedEndpoint answers(FetchOutcome outcome) {
      outcomes.add(outcome);
      return this;
    }

    void beforeAnswer(Runnable action) {
      beforeAnswer = action;
    }

    @Override
    public FetchOutcome fetch(AppCredentials app, boolean forceRefresh) {
      fetches.add(forceRefresh);
      beforeAnswer.run();
      beforeAnswer = () -> {};
      FetchOutcome next = outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
      if (next == null) {
        throw new AssertionError("no fetch scripted");
      }
      return next;
    }
  }
}
