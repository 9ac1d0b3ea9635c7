package io.wxrelay.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wxrelay.worker.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The booking step of {@link Throttle}, against a limiter that books every send 20 ms after it runs
 * (RedisRateLimiterIT tests the real one). Time is a clock the test moves: the throttle's sleeps,
 * the limiter's slow answers and the work before a send move it, and nothing really sleeps.
 */
class ThrottleTest {
  private static final String APP = "wx5823bf96d3bd56c7";
  private static final String API = "qrcode/create";
  // 100 per 10 s: a send may be up to 90 ms late (nine tenths of the 1 % margin, decision 0042).
  private static final RateLimits LIMITS = RateLimits.parse("test", "*:" + API + "=100/10s");

  private static final Duration LEASE = Duration.ofSeconds(24);

  private final MovedClock clock = new MovedClock();

  @Test
  void aCallerThatWakesUpOnTimeBooksItsSendOnce() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);

    Throttle.Permit permit = throttle(limiter, clock).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1);
    assertThat(limiter.clockReads).hasValue(0);
    assertThat(permit.waited()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void theLastBookingsNumberGoesAndIsAnswered() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);
    Sleeper late = d -> clock.sleep(d.plusMillis(150)); // booked again after each booking
    Throttle throttle = throttle(limiter, late);

    Throttle.Permit permit = throttle.acquire(APP, API, () -> true);
    assertThat(throttle.go(permit)).as("granted at the first ask: not held").isZero();
    assertThat(limiter.answered).isEmpty();
    throttle.answered(permit);

    long last = 1 + Throttle.MAX_REBOOKINGS;
    assertThat(limiter.goes).containsExactly(last);
    assertThat(limiter.answered).containsExactly(last);
  }

  @Test
  void aSendGoesOnceTheCallsBeforeItLeaveRoomAndIsAnsweredByItsNumber() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);
    limiter.heldTimes = 2; // the calls before it fill the period twice, 30 ms each
    Throttle throttle = throttle(limiter, clock);

    Throttle.Permit permit = throttle.acquire(APP, API, () -> true);
    assertThat(limiter.goes).isEmpty();
    Instant booked = clock.instant();
    Duration held = throttle.go(permit);
    throttle.answered(permit);

    assertThat(limiter.goes).containsExactly(1L, 1L, 1L);
    assertThat(limiter.leases).containsOnly(LEASE);
    assertThat(held).isEqualTo(Duration.ofMillis(2 * 30));
    assertThat(Duration.between(booked, clock.instant())).isEqualTo(held);
    assertThat(limiter.answered).containsExactly(1L);
  }

  @Test
  void aCallWithoutALimitNeitherAsksToGoNorAnswers() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);
    Throttle throttle = throttle(limiter, clock);

    Throttle.Permit unlimited = throttle.acquire(APP, "message/custom/send", () -> true);
    assertThat(throttle.go(unlimited)).isZero();
    throttle.answered(unlimited);

    assertThat(limiter.goes).isEmpty();
    assertThat(limiter.answered).isEmpty();
  }

  @Test
  void anAnswerTheStoreCannotTakeDoesNotFailTheCall() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);
    limiter.failAnswers = true;
    Throttle throttle = throttle(limiter, clock);

    Throttle.Permit permit = throttle.acquire(APP, API, () -> true);

    assertThatCode(() -> throttle.answered(permit)).doesNotThrowAnyException(); // logged
  }

  @Test
  void theSendIsBookedTheLeadBeforeThePlaceInTheQueue() throws Exception {
    // The queue places the caller 200 ms ahead: it books its send 50 ms before that, so that the
    // send schedule already holds it when its place comes.
    ClockedLimiter limiter =
        new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO, Duration.ofMillis(200));
    Instant start = clock.instant();

    throttle(limiter, clock).acquire(APP, API, () -> true);

    assertThat(limiter.admittedAt)
        .containsExactly(start.plus(Duration.ofMillis(200)).minus(Throttle.SEND_BOOKING_LEAD));
  }

  @Test
  void aCallerThatWakesUpTooLateBooksAgainThenGoesAfterTheLastRebooking() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);
    // Every sleep overshoots by 150 ms, as on a stalled machine: each booking is missed.
    Sleeper late = d -> clock.sleep(d.plusMillis(150));

    throttle(limiter, late).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1 + Throttle.MAX_REBOOKINGS);
  }

  @Test
  void aCallerThatWakesUpJustWithinTheLatenessAllowedDoesNotBookAgain() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);
    Sleeper late = d -> clock.sleep(d.plusMillis(90));

    throttle(limiter, late).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1);
  }

  @Test
  void anAskThatQueuedBeforeTheStoreRanItIsNotTakenForLateness() throws Exception {
    // The store runs each booking 150 ms after it was asked for (a queue at Redis): by the caller's
    // clock it wakes up 150 ms late, by the store's it is on time.
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ofMillis(150), Duration.ZERO);

    throttle(limiter, clock).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1);
    assertThat(limiter.clockReads).hasValue(1);
  }

  @Test
  void anAnswerThatCameLateAfterTheStoreRanItIsLateness() throws Exception {
    // The store books at once but its answer takes 150 ms to arrive: the caller really is late.
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ofMillis(150));

    throttle(limiter, clock).acquire(APP, API, () -> true);

    assertThat(limiter.admits).hasValue(1 + Throttle.MAX_REBOOKINGS);
  }

  @Test
  void theWorkBeforeTheSendRunsOnceOnceTheSendIsBookedAndItsTimeCountsAsLateness()
      throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);
    List<Integer> admitsWhenRun = new ArrayList<>();

    Throttle.Permit permit =
        throttle(limiter, clock)
            .acquire(
                APP,
                API,
                () -> {
                  admitsWhenRun.add(limiter.admits.get());
                  clock.sleep(Duration.ofMillis(170)); // longer than the 20 ms booked
                  return true;
                });

    assertThat(permit.send()).isTrue();
    assertThat(admitsWhenRun).containsExactly(1);
    assertThat(limiter.admits).hasValue(2); // 150 ms late: booked again
    // 190 ms in all, less the 170 ms of work: the 20 ms of the second booking.
    assertThat(permit.waited()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void workBeforeTheSendThatSaysNoEndsTheWaitWithoutASend() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);

    Throttle.Permit permit = throttle(limiter, clock).acquire(APP, API, () -> false);

    assertThat(permit.send()).isFalse();
    assertThat(limiter.admits).hasValue(1);
  }

  @Test
  void theWorkBeforeTheSendIsNotCountedAsWaitingForTheLimit() throws Exception {
    ClockedLimiter limiter = new ClockedLimiter(clock, Duration.ZERO, Duration.ZERO);

    // No limit for this API: nothing to wait for but the 200 ms of work before the send.
    Throttle.Permit permit =
        throttle(limiter, clock)
            .acquire(
                APP,
                "message/custom/send",
                () -> {
                  clock.sleep(Duration.ofMillis(200));
                  return true;
                });

    assertThat(permit.send()).isTrue();
    assertThat(permit.waited()).isZero();
    assertThat(limiter.admits).hasValue(0);
  }

  private Throttle throttle(RateLimiter limiter, Sleeper sleeper) {
    return new Throttle(limiter, LIMITS, Duration.ofMinutes(1), LEASE, clock, sleeper);
  }

  /** A clock that moves only when slept on. */
  private static final class MovedClock implements InstantSource, Sleeper {
    private Instant now = Instant.parse("2026-11-26T08:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public void sleep(Duration duration) {
      now = now.plus(duration);
    }

    long micros() {
      return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
  }

  /** Books each send 20 ms after it runs the ask, on the test's clock. */
  private static final class ClockedLimiter implements RateLimiter {
    final AtomicInteger admits = new AtomicInteger();
    final AtomicInteger clockReads = new AtomicInteger();
    private final MovedClock clock;
    private final Duration beforeRunning;
    final List<Instant> admittedAt = new ArrayList<>();
    final List<Long> answered = new ArrayList<>();
    final List<Long> goes = new ArrayList<>();
    final List<Duration> leases = new ArrayList<>();
    boolean failAnswers;
    int heldTimes;
    private final Duration beforeAnswering;
    private final Duration queued;

    ClockedLimiter(MovedClock clock, Duration beforeRunning, Duration beforeAnswering) {
      this(clock, beforeRunning, beforeAnswering, Duration.ZERO);
    }

    /** {@code queued}: how far ahead the queue places each caller. */
    ClockedLimiter(
        MovedClock clock, Duration beforeRunning, Duration beforeAnswering, Duration queued) {
      this.clock = clock;
      this.beforeRunning = beforeRunning;
      this.beforeAnswering = beforeAnswering;
      this.queued = queued;
    }

    @Override
    public Reservation reserve(String appid, String bucket, Limit limit) {
      return new Reservation(true, queued, clock.micros() + queued.toNanos() / 1000);
    }

    @Override
    public Reservation admit(String appid, String bucket, Limit limit) {
      admits.incrementAndGet();
      admittedAt.add(clock.instant());
      clock.sleep(beforeRunning);
      long slot = clock.micros() + 20_000; // the delay is counted from when the store runs the ask
      clock.sleep(beforeAnswering);
      return new Reservation(true, Duration.ofMillis(20), slot, admits.get());
    }

    @Override
    public Duration go(String appid, String bucket, Limit limit, long send, Duration lease) {
      goes.add(send);
      leases.add(lease);
      return goes.size() <= heldTimes ? Duration.ofMillis(30) : Duration.ZERO;
    }

    @Override
    public void answered(String appid, String bucket, Limit limit, long send) {
      if (failAnswers) {
        throw new IllegalStateException("the store is gone");
      }
      answered.add(send);
    }

    @Override
    public long clockMicros() {
      clockReads.incrementAndGet();
      return clock.micros();
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
