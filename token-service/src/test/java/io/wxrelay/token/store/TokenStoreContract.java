package io.wxrelay.token.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} does: run against Redis ({@code RedisTokenStoreIT}) and in memory
 * ({@code InMemoryTokenStoreTest}), on real time.
 */
public abstract class TokenStoreContract {
  private static final String APP = "wx5823bf96d3bd56c7";
  private static final String DAY = "2026-11-26";

  /** A store of its own for this case, empty. */
  protected abstract TokenStore store();

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void aTokenIsWrittenOnlyOverTheGenerationTheWriterRead() {
    TokenStore store = store();
    Instant now = now();
    assertThat(store.read(APP)).isEmpty();
    assertThat(store.writeIfCurrent(APP, 0, "t1", now, now.plusSeconds(60), "stable")).hasValue(1L);

    assertThat(store.writeIfCurrent(APP, 0, "late", now, now.plusSeconds(60), "stable"))
        .as("someone wrote first")
        .isEmpty();
    assertThat(store.writeIfCurrent(APP, 1, "t2", now, now.plusSeconds(60), "classic"))
        .hasValue(2L);
    StoredToken read = store.read(APP).orElseThrow();
    assertThat(read.token()).isEqualTo("t2");
    assertThat(read.generation()).isEqualTo(2);
    assertThat(read.endpoint()).isEqualTo("classic");
    assertThat(read.expiresAt()).isEqualTo(now.plusSeconds(60));
  }

  @Test
  void anExpiredTokenIsGone() {
    TokenStore store = store();
    Instant now = now();
    store.writeIfCurrent(APP, 0, "short", now, now.plusMillis(300), "stable");

    await().atMost(Duration.ofSeconds(3)).until(() -> store.read(APP).isEmpty());
  }

  @Test
  void oneOwnerHoldsTheLockUntilItReleasesItOrItsLeaseEnds() {
    TokenStore store = store();
    assertThat(store.tryLock(APP, "r1", Duration.ofSeconds(30))).isTrue();
    assertThat(store.tryLock(APP, "r2", Duration.ofSeconds(30))).isFalse();
    store.unlock(APP, "r2");
    assertThat(store.tryLock(APP, "r2", Duration.ofSeconds(30)))
        .as("not r2's to release")
        .isFalse();
    store.unlock(APP, "r1");
    assertThat(store.tryLock(APP, "r2", Duration.ofMillis(200))).isTrue();

    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> store.tryLock(APP, "r3", Duration.ofSeconds(5)));
  }

  @Test
  void forceRefreshesAreCountedPerDayAndSpacedApart() {
    TokenStore store = store();
    Instant now = now();
    assertThat(store.forceBudgetLeft(APP, DAY, 2)).isEqualTo(2);
    assertThat(store.takeForceRefresh(APP, DAY, 2, Duration.ofMinutes(1), now)).isEqualTo(1);
    assertThat(store.takeForceRefresh(APP, DAY, 2, Duration.ofMinutes(1), now.plusSeconds(10)))
        .as("too soon")
        .isEqualTo(-2);
    assertThat(store.takeForceRefresh(APP, DAY, 2, Duration.ofMinutes(1), now.plusSeconds(61)))
        .isZero();
    assertThat(store.takeForceRefresh(APP, DAY, 2, Duration.ofMinutes(1), now.plusSeconds(200)))
        .as("spent")
        .isEqualTo(-1);
    assertThat(store.forceBudgetLeft(APP, DAY, 2)).isZero();
    assertThat(store.forceBudgetLeft(APP, "2026-11-27", 2)).isEqualTo(2);
  }
}
