package io.wxrelay.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.worker.time.Sleeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The booking step of {@link Throttle}, against a limiter that grants every booking 20 ms ahead
 * (RedisRateLimiterIT tests the real one). The sleepers really sleep: lateness is what is tested.
 */
class ThrottleTest {
  private static final String APP = "wx5823bf96d3bd56c7";
  private static final String API = "qrcode/create";
  // 100 per 10 s: a send may be up to 50 ms late (half of the 1 % margin).
  private static final RateLimits LIMITS = RateLimits.parse("test", "*:" + API + "=100/10s");

  private final CountingLimiter limiter = new CountingLimiter();

  @Test
  void aCallerThatWakesUpOnTimeBooksItsSendOnce() throws Exception {
    throttle(Sleeper.SYSTEM).acquire(APP, API);

    assertThat(limiter.admits).hasValue(1);
  }

  @Test
  void aCallerThatWakesUpTooLateBooksAgainThenGoesAfterTheLastRebooking() throws Exception {
    // Every sleep overshoots by 80 ms, as on a stalled machine: each booking is missed.
    Sleeper late = d -> Sleeper.SYSTEM.sleep(d.plusMillis(80));

    throttle(late).acquire(APP, API);

    assertThat(limiter.admits).hasValue(1 + Throttle.MAX_REBOOKINGS);
  }

  private Throttle throttle(Sleeper sleeper) {
    return new Throttle(limiter, LIMITS, Duration.ofMinutes(1), sleeper);
  }

  private static final class CountingLimiter implements RateLimiter {
    final AtomicInteger admits = new AtomicInteger();

    @Override
    public Reservation reserve(String appid, String bucket, Limit limit) {
      return new Reservation(true, Duration.ZERO);
    }

    @Override
    public Reservation admit(String appid, String bucket, Limit limit) {
      admits.incrementAndGet();
      return new Reservation(true, Duration.ofMillis(20));
    }

    @Override
    public void pauseUntilNextWindow(String appid, String bucket, Duration window) {}

    @Override
    public Duration paused(String appid, String bucket) {
      return Duration.ZERO;
    }
  }
}
