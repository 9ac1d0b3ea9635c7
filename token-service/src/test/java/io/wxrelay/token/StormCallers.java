package io.wxrelay.token;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The callers of one storm process: all released at once, each makes one call for a generation. */
final class StormCallers {
  private StormCallers() {}

  /** The process's client: REDIS_URL and TOKEN_REDIS_PREFIX, waits bounded at 15 s. */
  static TokenClient client() {
    Env env = Env.of(System.getenv());
    return TokenClient.connect(
        RedisSettings.fromEnv(env), env.required("TOKEN_REDIS_PREFIX"), Duration.ofSeconds(15));
  }

  /**
   * Runs {@code callers} threads of {@code call} at once, waits for them all and returns {@code
   * ok=<n> generations=<set> slowestMs=<ms>}.
   */
  static String run(int callers, Callable<Long> call) {
    AtomicInteger ok = new AtomicInteger();
    AtomicLong slowest = new AtomicLong();
    Set<Long> generations = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < callers; i++) {
        threads.submit(
            () -> {
              go.await();
              long start = System.nanoTime();
              generations.add(call.call());
              slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
              ok.incrementAndGet();
              return null;
            });
      }
      go.countDown();
    }
    return "ok=" + ok.get() + " generations=" + generations + " slowestMs=" + slowest.get();
  }
}
