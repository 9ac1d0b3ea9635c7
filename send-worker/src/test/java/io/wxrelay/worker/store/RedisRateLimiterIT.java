package io.wxrelay.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.ratelimit.Limit;
import io.wxrelay.worker.ratelimit.RateLimiter;
import io.wxrelay.worker.ratelimit.RateLimiterContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limiter's Redis scripts on a real Redis: the contract every limiter keeps, and one schedule
 * shared by three processes.
 */
@ExtendWith(RealInfrastructure.class)
class RedisRateLimiterIT extends RateLimiterContract {
  private final List<RedisStores> opened = new ArrayList<>();
  private RedisEndpoint redis;

  @BeforeEach
  void connect(RedisEndpoint redis) {
    this.redis = redis;
  }

  @AfterEach
  void close() {
    opened.forEach(RedisStores::close);
  }

  @Override
  protected RateLimiter limiter(int sendTolerance) {
    RedisStores stores = stores(redis, redis.uniquePrefix("ratelimit"), sendTolerance);
    opened.add(stores);
    return stores.rateLimiter();
  }

  @Test
  void threeProcessesShareOneSchedule(RedisEndpoint redis) throws Exception {
    String prefix = redis.uniquePrefix("ratelimit");
    Limit limit = new Limit(40, Duration.ofSeconds(1), 1); // one slot per 25 ms
    List<Long> slotAt = Collections.synchronizedList(new ArrayList<>());
    List<RedisStores> processes =
        List.of(stores(redis, prefix), stores(redis, prefix), stores(redis, prefix));
    try (var pool = Executors.newFixedThreadPool(12)) {
      for (int t = 0; t < 12; t++) {
        RedisRateLimiter limiter = processes.get(t % 3).rateLimiter();
        pool.submit(
            () -> {
              for (int i = 0; i < 5; i++) {
                long asked = System.nanoTime();
                slotAt.add(
                    asked + limiter.reserve(APP, "message/custom/send", limit).delay().toNanos());
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      processes.forEach(RedisStores::close);
    }
    // 60 slots of one schedule span 59 spacings (1.475 s); three separate schedules of 20 each
    // would span 19 (0.475 s).
    List<Long> sorted = slotAt.stream().sorted().toList();
    assertThat(Duration.ofNanos(sorted.getLast() - sorted.getFirst()))
        .isBetween(Duration.ofMillis(1400), Duration.ofMillis(1550));
  }

  private static RedisStores stores(RedisEndpoint redis, String prefix) {
    return stores(redis, prefix, RateLimiter.DEFAULT_SEND_TOLERANCE);
  }

  private static RedisStores stores(RedisEndpoint redis, String prefix, int sendTolerance) {
    return RedisStores.connect(
        new RedisSettings(redis.url(), 16, Duration.ofSeconds(2)),
        prefix,
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        sendTolerance);
  }
}
