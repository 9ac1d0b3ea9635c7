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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A ticket's refresh schedule, getticket as WeChat answers it (docs/wechat-api.md §12.1): the same
 * ticket while valid, always with {@code expires_in} 7200, so the stored expiry must not move.
 */
class TicketRefreshTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");
  private static final Duration LIFE = Duration.ofSeconds(7200);

  private Instant now = START;
  private final InstantSource clock = () -> now;
  private final InMemoryTokenStore store = new InMemoryTokenStore(clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private String current = "tk1";
  private int fetches;

  private AppRefresher refresher() {
    return new AppRefresher(
        new AppCredentials(APPID, "", Endpoint.STABLE),
        "jsapi_ticket",
        RefreshScheduleTest.SETTINGS,
        store,
        (app, force) -> {
          fetches++;
          return new FetchOutcome.Issued(current, LIFE.toSeconds());
        },
        new TokenMetrics(registry).holding("jsapi_ticket"),
        clock);
  }

  private StoredToken stored() {
    return store.read(APPID).orElseThrow();
  }

  @Test
  void theSameTicketAgainKeepsItsExpiryAndANewOneIsWrittenWhenWeChatRenews() {
    AppRefresher refresher = refresher();
    refresher.step();
    assertThat(stored().expiresAt()).isEqualTo(START.plus(LIFE));

    now = START.plus(LIFE).minus(Duration.ofMinutes(4)); // inside the renewal margin
    refresher.step();
    assertThat(fetches).isEqualTo(2);
    assertThat(stored().generation()).isEqualTo(1);
    assertThat(stored().expiresAt()).as("7200 again is not 7200 more").isEqualTo(START.plus(LIFE));
    assertThat(refresher.step()).as("held back after an unchanged answer").isPositive();

    current = "tk2";
    now = now.plus(Duration.ofSeconds(30));
    refresher.step();
    assertThat(stored().token()).isEqualTo("tk2");
    assertThat(stored().generation()).isEqualTo(2);
    assertThat(stored().expiresAt()).isEqualTo(now.plus(LIFE));
    assertThat(count("ahead_of_expiry", "unchanged")).isEqualTo(1);
    assertThat(count("ahead_of_expiry", "issued")).isEqualTo(1);
  }

  @Test
  void aReportedTicketIsFetchedAgainWithinTheForceBudget() {
    AppRefresher refresher = refresher();
    refresher.step();
    Instant expiry = stored().expiresAt();

    now = now.plus(Duration.ofMinutes(10));
    refresher.reportInvalid(1);
    refresher.step();
    assertThat(stored().generation()).as("the waiting callers are released").isEqualTo(2);
    assertThat(stored().expiresAt()).isEqualTo(expiry);
    assertThat(count("forced", "issued")).isEqualTo(1);

    now = now.plus(Duration.ofMinutes(2));
    refresher.reportInvalid(2);
    refresher.step();
    now = now.plus(Duration.ofMinutes(2));
    refresher.reportInvalid(3);
    refresher.step();
    assertThat(count("forced", "budget_spent")).as("2 a day in these settings").isEqualTo(1);
    assertThat(stored().generation()).isEqualTo(3);
  }

  @Test
  void expiryCountsFromNowOnlyForAValueNotStored() {
    StoredToken held = new StoredToken(APPID, "tk1", 4, START, START.plus(LIFE), "stable");
    Instant later = START.plus(Duration.ofHours(1));
    var same = new FetchOutcome.Issued("tk1", 7200);
    var other = new FetchOutcome.Issued("tk2", 7200);
    assertThat(AppRefresher.expiry(Optional.of(held), same, later)).isEqualTo(START.plus(LIFE));
    assertThat(AppRefresher.expiry(Optional.of(held), other, later)).isEqualTo(later.plus(LIFE));
    assertThat(AppRefresher.expiry(Optional.empty(), same, later)).isEqualTo(later.plus(LIFE));
  }

  private double count(String reason, String outcome) {
    var counter =
        registry
            .find("wxrelay.token.refreshes")
            .tags("held", "jsapi_ticket", "reason", reason, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
