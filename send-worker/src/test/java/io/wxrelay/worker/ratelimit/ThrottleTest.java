package io.wxrelay.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.worker.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The booking step of {@link Throttle}, against a limiter that books every send 20 ms after it runs
 * (RedisRateLimiterIT tests the real one). Its clock is {@link System#nanoTime}, and the sleepers
 * and the slow answers really sleep: lateness is what is tested.
 */
class ThrottleTest {
  private static final String APP = "wx5823bf96d3bd56c7";
  private static final String API = "qrcode/create";
  // 100 per 10 s: a send may be up to 50 ms late (half of the 1 % margin).
  private static final RateLimits LIMITS = RateLimits.parse("test", "*:" + API + "=100/10s");

  @Test
  void aCallerThatWakesUpOnTimeBooksItsSendOnce() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(Duration.ZERO, Duration.ZERO);

    throttle(limiter, Sleeper.SYSTEM).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1);
    assertThat(limiter.clockReads).hasValue(0);
  }

  @Test
  void aCallerThatWakesUpTooLateBooksAgainThenGoesAfterTheLastRebooking() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(Duration.ZERO, Duration.ZERO);
    // Every sleep overshoots by 80 ms, as on a stalled machine: each booking is missed.
    Sleeper late = d -> Sleeper.SYSTEM.sleep(d.plusMillis(80));

    throttle(limiter, late).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1 + Throttle.MAX_REBOOKINGS);
  }

  @Test
  void anAskThatQueuedBeforeTheStoreRanItIsNotTakenForLateness() throws Exception {
    // The store runs each booking 80 ms after it was asked for (a queue at Redis): by the caller's
    // clock it wakes up 80 ms late, by the store's it is on time.
    ClockedLimiter limiter = new ClockedLimiter(Duration.ofMillis(80), Duration.ZERO);

    throttle(limiter, Sleeper.SYSTEM).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1);
    assertThat(limiter.clockReads).hasValue(1);
  }

  @Test
  void anAnswerThatCameLateAfterTheStoreRanItIsLateness() throws Exception {
    // The store books at once but its answer takes 80 ms to arrive: the caller really is late.
    ClockedLimiter limiter = new ClockedLimiter(Duration.ZERO, Duration.ofMillis(80));

    throttle(limiter, Sleeper.SYSTEM).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1 + Throttle.MAX_REBOOKINGS);
  }

  @Test
  void theWorkBeforeTheSendRunsOnceOnceTheSendIsBookedAndItsTimeCountsAsLateness()
      throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(Duration.ZERO, Duration.ZERO);
    List<Integer> admitsWhenRun = new ArrayList<>();

    Throttle.Permit permit =
        throttle(limiter, Sleeper.SYSTEM)
            .acquire(
                APP,
                API,
                () -> {
                  admitsWhenRun.add(limiter.admits.get());
                  Sleeper.SYSTEM.sleep(Duration.ofMillis(100)); // longer than the 20 ms booked
                  return true;
                });

    assertThat(permit.send()).isTrue();
    assertThat(admitsWhenRun).containsExactly(1);
    assertThat(limiter.admits).hasValue(2); // 80 ms late: booked again
  }

  @Test
  void workBeforeTheSendThatSaysNoEndsTheWaitWithoutASend() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(Duration.ZERO, Duration.ZERO);

    Throttle.Permit permit = throttle(limiter, Sleeper.SYSTEM).acquire(APP, API, () -> false);

    assertThat(permit.send()).isFalse();
    assertThat(limiter.admits).hasValue(1);
  }

  @Test
  void theWorkBeforeTheSendIsNotCountedAsWaitingForTheLimit() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(Duration.ZERO, Duration.ZERO);

    // No limit for this API: nothing to wait for but the 200 ms of work before the send.
    Throttle.Permit permit =
        throttle(limiter, Sleeper.SYSTEM)
            .acquire(
                APP,
                "message/custom/send",
                () -> {
                  Sleeper.SYSTEM.sleep(Duration.ofMillis(200));
                  return true;
                });

    assertThat(permit.send()).isTrue();
    assertThat(permit.waited()).isLessThan(Duration.ofMillis(150));
    assertThat(limiter.admits).hasValue(0);
  }

  private static Throttle throttle(RateLimiter limiter, Sleeper sleeper) {
    return new Throttle(limiter, LIMITS, Duration.ofMinutes(1), sleeper);
  }

  /** Books each send 20 ms after it runs the ask, on a clock of {@link System#nanoTime}. */
  private static final class ClockedLimiter implements RateLimiter {
    final AtomicInteger admits = new AtomicInteger();
    final AtomicInteger clockReads = new AtomicInteger();
    private final Duration beforeRunning;
    private final Duration beforeAnswering;

    ClockedLimiter(Duration beforeRunning, Duration beforeAnswering) {
      this.beforeRunning = beforeRunning;
      this.beforeAnswering = beforeAnswering;
    }

    @Override
    public Reservation reserve(String appid, String bucket, Limit limit) {
      return new Reservation(true, Duration.ZERO, micros());
    }

    @Override
    public Reservation admit(String appid, String bucket, Limit limit) {
      admits.incrementAndGet();
      pause(beforeRunning);
      long slot = micros() + 20_000; // the delay is counted from when the store runs the ask
      pause(beforeAnswering);
      return new Reservation(true, Duration.ofMillis(20), slot);
    }

    @Override
    public long clockMicros() {
      clockReads.incrementAndGet();
      return micros();
    }

    private static long micros() {
      return System.nanoTime() / 1000;
    }

    private static void pause(Duration d) {
      if (!d.isZero()) {
        try {
          Sleeper.SYSTEM.sleep(d);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public Duration pauseUntilNextWindow(String appid, String bucket, Duration window) {
      return Duration.ZERO;
    }

    @Override
    public Duration paused(String appid, String bucket) {
      return Duration.ZERO;
    }
  }
}
