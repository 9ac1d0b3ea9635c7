package io.wxrelay.token;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.token.client.TokenUnavailableException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One web-app process of the ticket storm: {@code callers} threads at once either ask for the jsapi
 * ticket until there is one ({@code get}: a page load retrying every 10 ms, for at most 30 s) or
 * report one generation invalid ({@code report}). Prints {@code ok=<n> generations=<set>
 * slowestMs=<ms>}. Args: appid callers get|report [generation].
 */
public final class TicketStormClientMain {
  private static final Duration GIVE_UP = Duration.ofSeconds(30);

  private TicketStormClientMain() {}

  public static void main(String[] args) throws Exception {
    String appid = args[0];
    int callers = Integer.parseInt(args[1]);
    boolean report = args[2].equals("report");
    long generation = report ? Long.parseLong(args[3]) : 0;
    Env env = Env.of(System.getenv());
    AtomicInteger ok = new AtomicInteger();
    AtomicLong slowest = new AtomicLong();
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
              long start = System.nanoTime();
              long got =
                  report
                      ? client.reportTicketInvalid(appid, TicketType.JSAPI, generation).generation()
                      : firstTicket(client, appid, start);
              generations.add(got);
              slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
              ok.incrementAndGet();
              return null;
            });
      }
      go.countDown();
    }
    System.out.println(
        "ok=" + ok.get() + " generations=" + generations + " slowestMs=" + slowest.get());
  }

  private static long firstTicket(TokenClient client, String appid, long start) {
    while (true) {
      try {
        return client.ticket(appid, TicketType.JSAPI).generation();
      } catch (TokenUnavailableException e) {
        if (System.nanoTime() - start > GIVE_UP.toNanos()) {
          throw e;
        }
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // a page retrying, not a sync
      }
    }
  }
}
