package io.wxrelay.token;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker process of the storm test: {@code callers} threads report the same generation invalid
 * at once. Prints {@code ok=<n> generations=<set>}. Args: appid generation callers.
 */
public final class StormClientMain {
  private StormClientMain() {}

  public static void main(String[] args) throws Exception {
    String appid = args[0];
    long generation = Long.parseLong(args[1]);
    int callers = Integer.parseInt(args[2]);
    Env env = Env.of(System.getenv());
    AtomicInteger ok = new AtomicInteger();
    Set<Long> generations = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    try (TokenClient client =
            TokenClient.connect(
                RedisSettings.fromEnv(env),
                env.required("TOKEN_REDIS_PREFIX"),
                Duration.ofSeconds(15));
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < callers; i++) {
        threads.submit(
            () -> {
              go.await();
              generations.add(client.reportInvalid(appid, generation).generation());
              ok.incrementAndGet();
              return null;
            });
      }
      go.countDown();
    }
    System.out.println("ok=" + ok.get() + " generations=" + generations);
  }
}
