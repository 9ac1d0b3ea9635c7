package io.wxrelay.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link RateLimiter} does, one piece of behaviour at a time: run against Redis ({@code
 * RedisRateLimiterIT}) and in memory ({@code InMemoryRateLimiterTest}), on real time.
 */
public abstract class RateLimiterContract {
  protected static final String APP = "wx5823bf96d3bd56c7";
  protected static final Limit TEN_A_SECOND = new Limit(10, Duration.ofSeconds(1), 1);
  protected static final Duration LEASE = Duration.ofSeconds(24);

  /** A limiter with schedules of its own for this case. */
  protected abstract RateLimiter limiter(int sendTolerance);

  @Test
  void reservationsAreSpacedByTheLimitAndEachBucketHasItsOwnSchedule() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    List<Long> slotAt = new ArrayList<>(); // this clock's estimate of each slot
    for (int i = 0; i < 3; i++) {
      long asked = System.nanoTime();
      RateLimiter.Reservation slot = limiter.reserve(APP, "qrcode/create", TEN_A_SECOND);
      assertThat(slot.granted()).isTrue();
      if (i == 0) {
        assertThat(slot.delay()).isZero();
      }
      slotAt.add(asked + slot.delay().toNanos());
    }
    // 100 ms apart, give or take the time Redis took to answer.
    for (int i = 1; i < 3; i++) {
      assertThat(Duration.ofNanos(slotAt.get(i) - slotAt.get(i - 1)))
          .isBetween(Duration.ofMillis(70), Duration.ofMillis(130));
    }
    assertThat(limiter.reserve(APP, "message/mass/get", TEN_A_SECOND).delay()).isZero();
  }

  @Test
  void aBurstGoesAtOnceThenTheSpacingResumes() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    // 505 ms apart after the burst: the queue moves at the pace of the sends (the limit plus 1 %)
    Limit burstOfThree = new Limit(2, Duration.ofSeconds(1), 3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.reserve(APP, "qrcode/create", burstOfThree).delay()).isZero();
    }
    assertThat(limiter.reserve(APP, "qrcode/create", burstOfThree).delay())
        .isBetween(Duration.ofMillis(300), Duration.ofMillis(505));
  }

  @Test
  void sendsAreBookedOneSpacingApartAfterTheTolerance() {
    int tolerance = 2;
    RateLimiter limiter = limiter(tolerance);
    // Slow enough that the calls' own time does not use up the tolerance.
    Limit twoASecond = new Limit(2, Duration.ofSeconds(1), 1);
    for (int i = 0; i <= tolerance; i++) {
      assertThat(sendDelay(limiter, twoASecond)).isZero();
    }
    // Booked, not refused: each later call goes one send spacing (505 ms: the limit's 500 ms
    // plus 1 %) after the one before, without asking again.
    assertThat(sendDelay(limiter, twoASecond))
        .isBetween(Duration.ofMillis(400), Duration.ofMillis(530));
    assertThat(sendDelay(limiter, twoASecond))
        .isBetween(Duration.ofMillis(900), Duration.ofMillis(1030));
  }

  /** By default (no tolerance) the limit's burst goes at once, then one send spacing apart. */
  @ParameterizedTest(name = "burst {0}")
  @ValueSource(ints = {1, 5})
  void byDefaultTheBurstGoesAtOnceAndTheNextSendOneSpacingLater(int burst) {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    Limit twoASecond = new Limit(2, Duration.ofSeconds(1), burst);
    for (int i = 0; i < burst; i++) {
      assertThat(sendDelay(limiter, twoASecond)).isZero();
    }
    // The next call, however late its caller, waits out the send spacing (505 ms).
    assertThat(sendDelay(limiter, twoASecond))
        .isBetween(Duration.ofMillis(400), Duration.ofMillis(530));
  }

  @Test
  void slotsAreOnTheStoresClockToTheMicrosecond() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    long before = limiter.clockMicros();
    RateLimiter.Reservation first = limiter.admit(APP, "qrcode/create", TEN_A_SECOND);
    RateLimiter.Reservation second = limiter.admit(APP, "qrcode/create", TEN_A_SECOND);
    long after = limiter.clockMicros();

    assertThat(first.slotMicros()).isBetween(before, after);
    // Exactly one send spacing (101 ms): the schedule is kept in whole microseconds (Lua's
    // tostring would round today's time to 100 µs).
    assertThat(second.slotMicros() - first.slotMicros())
        .isEqualTo(TEN_A_SECOND.sendIntervalMicros());
    assertThat(second.slotMicros()).isGreaterThan(after);
  }

  private static Duration sendDelay(RateLimiter limiter, Limit limit) {
    RateLimiter.Reservation send = limiter.admit(APP, "qrcode/create", limit);
    assertThat(send.granted()).isTrue();
    return send.delay();
  }

  @Test
  void sendsAreNumberedOneAfterAnother() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    long first = limiter.admit(APP, "qrcode/create", TEN_A_SECOND).send();
    long second = limiter.admit(APP, "qrcode/create", TEN_A_SECOND).send();

    assertThat(first).isPositive();
    assertThat(second).isEqualTo(first + 1);
    assertThat(limiter.reserve(APP, "qrcode/create", TEN_A_SECOND).send()).isZero();
  }

  @Test
  void aCallGoesWhileFewerThanTheLimitCanHaveReachedWeChatWithinAPeriod() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    Limit threeASecond = new Limit(3, Duration.ofSeconds(1), 1);
    Duration interval = Duration.ofNanos(threeASecond.sendIntervalMicros() * 1000);
    for (long send = 1; send <= 3; send++) {
      assertThat(limiter.go(APP, "qrcode/create", threeASecond, send, LEASE)).isZero();
    }
    // Three in flight: none can leave the period before its answer, so ask again a spacing later.
    Duration fourth = limiter.go(APP, "qrcode/create", threeASecond, 4, LEASE);
    assertThat(fourth).isEqualTo(interval);

    // Once the first is answered, it leaves the period a second after its answer: the fourth may
    // ask again then (at most a second from its ask, at least a second from before the answer).
    long answered = limiter.clockMicros();
    limiter.answered(APP, "qrcode/create", threeASecond, 1);
    fourth = limiter.go(APP, "qrcode/create", threeASecond, 4, LEASE);
    long afterAsking = limiter.clockMicros();
    assertThat(fourth).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1).plusNanos(1000));
    assertThat(afterAsking + fourth.toNanos() / 1000 - answered).isGreaterThanOrEqualTo(1_000_000L);
  }

  @Test
  void anAnsweredCallCountsForAPeriodAndOneInFlightForItsLeaseAndAPeriod() throws Exception {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    Limit onePer200ms = new Limit(1, Duration.ofMillis(200), 1);
    assertThat(limiter.go(APP, "a", onePer200ms, 1, LEASE)).isZero();
    limiter.answered(APP, "a", onePer200ms, 1);
    assertThat(limiter.go(APP, "a", onePer200ms, 2, LEASE)).isPositive();
    Thread.sleep(220);
    assertThat(limiter.go(APP, "a", onePer200ms, 2, LEASE)).isZero();

    // Never answered (its worker died): it counts until its lease (300 ms) and a period (400 ms)
    // are over; asked at 350 ms, after the lease, it still counts.
    Limit onePer400ms = new Limit(1, Duration.ofMillis(400), 1);
    assertThat(limiter.go(APP, "b", onePer400ms, 1, Duration.ofMillis(300))).isZero();
    Thread.sleep(350);
    assertThat(limiter.go(APP, "b", onePer400ms, 2, LEASE)).isPositive();
    Thread.sleep(400);
    assertThat(limiter.go(APP, "b", onePer400ms, 2, LEASE)).isZero();
  }

  @Test
  void aCallAnsweredAfterItStoppedCountingCountsAgainForAPeriod() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    Limit one = new Limit(1, Duration.ofSeconds(10), 1);
    // Its lease and period long over (or the key gone): the answer still counts.
    limiter.answered(APP, "qrcode/create", one, 7);
    assertThat(limiter.go(APP, "qrcode/create", one, 8, LEASE)).isPositive();
  }

  @Test
  void aCallHeldBackPushesTheSendScheduleToWhenThereIsRoom() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    Limit twoASecond = new Limit(2, Duration.ofSeconds(1), 1);
    // Two calls went and were answered at once; the send schedule is idle (nothing booked).
    for (long send = 1; send <= 2; send++) {
      assertThat(limiter.go(APP, "qrcode/create", twoASecond, send, LEASE)).isZero();
      limiter.answered(APP, "qrcode/create", twoASecond, send);
    }
    Duration held = limiter.go(APP, "qrcode/create", twoASecond, 3, LEASE);
    long roomAt = limiter.clockMicros() + held.toNanos() / 1000;
    assertThat(held).isPositive();

    // The next booking is due when the first call stops counting, not now.
    assertThat(limiter.admit(APP, "qrcode/create", twoASecond).slotMicros())
        .isGreaterThanOrEqualTo(roomAt - 50_000);
  }

  @Test
  void aCallHeldBackWhileAllAreInFlightPushesTheSendScheduleBySpacings() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    Limit one = new Limit(1, Duration.ofSeconds(1), 1);
    long before = limiter.clockMicros();
    assertThat(limiter.go(APP, "qrcode/create", one, 1, LEASE)).isZero();
    for (long ask = 0; ask < 2; ask++) {
      assertThat(limiter.go(APP, "qrcode/create", one, 2, LEASE)).isPositive();
    }

    // Two refusals while the first is in flight: the schedule moved two spacings (1.01 s each).
    assertThat(limiter.admit(APP, "qrcode/create", one).slotMicros())
        .isGreaterThanOrEqualTo(before + 2 * one.sendIntervalMicros());
  }

  @Test
  void aPauseRefusesReservationsAndSendsUntilTheNextWindow() {
    RateLimiter limiter = limiter(RateLimiter.DEFAULT_SEND_TOLERANCE);
    Duration window = Duration.ofSeconds(2);
    Duration pause = limiter.pauseUntilNextWindow(APP, "mass", window);
    assertThat(pause).isPositive().isLessThanOrEqualTo(window);
    if (pause.compareTo(Duration.ofMillis(300)) < 0) {
      // Paused just before the window's end: too close to test what a pause refuses. The next
      // window's pause is nearly whole.
      await().atMost(Duration.ofSeconds(1)).until(() -> limiter.paused(APP, "mass").isZero());
      limiter.pauseUntilNextWindow(APP, "mass", window);
    }
    Limit mass = new Limit(60, Duration.ofMinutes(1), 1);
    RateLimiter.Reservation refused = limiter.reserve(APP, "mass", mass);
    assertThat(refused.granted()).isFalse();
    assertThat(refused.delay()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
    RateLimiter.Reservation send = limiter.admit(APP, "mass", mass);
    assertThat(send.granted()).isFalse();
    assertThat(send.delay()).isPositive();
    assertThat(send.send()).as("a refused send has no number").isZero();
    assertThat(limiter.go(APP, "mass", mass, 1, LEASE))
        .as("a call paused at its last check")
        .isPositive();
    assertThat(limiter.paused(APP, "mass")).isPositive().isLessThanOrEqualTo(refused.delay());
    assertThat(limiter.paused(APP, "qrcode/create")).isZero();
  }
}
