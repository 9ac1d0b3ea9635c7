package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Signed pushes sent at a steady pace on a thread of their own, while a test strikes its fault,
 * then counted as the fault report counts them: answered 200 at the first try, answered 503 (or not
 * at all), the slowest answer, and, once WeChat has retried the refused ones, how often each push
 * is on the events topic.
 */
final class PacedPushes {
  private final SignedPushes wechat;
  private final URI endpoint;
  private final CompletableFuture<List<SignedPushes.Answer>> answers;
  private final List<CompletableFuture<Boolean>> retried = new ArrayList<>();
  private volatile boolean stopped;
  private final AtomicInteger sentSoFar = new AtomicInteger();

  /** WeChat asks again for a push it got no 200 for, up to three times, seconds apart. */
  private static final int WECHAT_RETRIES = 3;

  /**
   * WeChat waits five seconds for an answer before it asks again. Retrying sooner (2 s, as before)
   * met the first send's dedupe claim still pending, and, when the test's JVM stalled for seconds
   * on two busy cores, published a push a second time.
   */
  private static final Duration WECHAT_RETRY_AFTER = Duration.ofSeconds(5);

  private PacedPushes(SignedPushes wechat, URI endpoint, int count, Duration pace) {
    this.wechat = wechat;
    this.endpoint = endpoint;
    this.answers = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("paced-pushes")
        .start(
            () -> {
              List<CompletableFuture<SignedPushes.Answer>> sent = new ArrayList<>();
              long start = System.nanoTime();
              for (int i = 0; i < count && !stopped; i++) {
                LockSupport.parkNanos(start + i * pace.toNanos() - System.nanoTime());
                CompletableFuture<SignedPushes.Answer> first = wechat.push(endpoint, i);
                sent.add(first);
                sentSoFar.incrementAndGet();
                synchronized (retried) {
                  retried.add(
                      first.thenCompose(
                          a ->
                              a.status() == 200
                                  ? CompletableFuture.completedFuture(true)
                                  : retry(a.push(), 1)));
                }
              }
              answers.complete(sent.stream().map(CompletableFuture::join).toList());
            });
  }

  /** WeChat's retry of {@code push}, attempt {@code attempt}: true once one was acknowledged. */
  private CompletableFuture<Boolean> retry(int push, int attempt) {
    Executor later =
        CompletableFuture.delayedExecutor(WECHAT_RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    return CompletableFuture.supplyAsync(() -> wechat.push(endpoint, push), later)
        .thenCompose(answer -> answer)
        .thenCompose(
            a ->
                a.status() == 200 || attempt == WECHAT_RETRIES
                    ? CompletableFuture.completedFuture(a.status() == 200)
                    : retry(push, attempt + 1));
  }

  /** Starts sending {@code count} pushes, one every {@code pace}. */
  static PacedPushes start(SignedPushes wechat, URI endpoint, int count, Duration pace) {
    return new PacedPushes(wechat, endpoint, count, pace);
  }

  /** How many pushes were sent so far: a test strikes its fault at a point of the load. */
  int sent() {
    return sentSoFar.get();
  }

  /** Sends no more pushes (those sent are still answered and counted). */
  void stop() {
    stopped = true;
  }

  /**
   * What WeChat saw.
   *
   * @param first each push's first answer, in order
   * @param onKafka how often each push's event is on the topic, after the refused were retried
   */
  record Tally(List<SignedPushes.Answer> first, Map<String, Integer> onKafka, SignedPushes wechat) {
    List<Integer> acknowledged() {
      return first.stream().filter(a -> a.status() == 200).map(SignedPushes.Answer::push).toList();
    }

    List<Integer> refused() {
      return first.stream().filter(a -> a.status() != 200).map(SignedPushes.Answer::push).toList();
    }

    Duration slowest() {
      return first.stream().map(SignedPushes.Answer::took).max(Duration::compareTo).orElseThrow();
    }

    long lost() {
      return acknowledged().stream().filter(i -> !onKafka.containsKey(wechat.eventId(i))).count();
    }

    long duplicates() {
      return onKafka.values().stream().filter(n -> n > 1).count();
    }

    /**
     * Fails unless every push is on the topic, a push acknowledged at its first try exactly once,
     * and a push WeChat retried at most twice and only as often as the gateway was unsure: a
     * publish Kafka's producer gave up on may still have been written, and the gateway lets the
     * retry publish it again rather than risk losing it (the same event id: consumers dedupe by it,
     * as the worker's replies do).
     */
    void assertNoneLostAndTwiceOnlyWhereUnsure(GatewayCounters gateway) {
      List<Integer> firstTry = acknowledged();
      for (int push : firstTry) {
        assertThat(onKafka.getOrDefault(wechat.eventId(push), 0))
            .as("push %d (acknowledged)", push)
            .isEqualTo(1);
      }
      for (int push : refused()) {
        assertThat(onKafka.getOrDefault(wechat.eventId(push), 0))
            .as("push %d (retried)", push)
            .isBetween(1, 2);
      }
      assertThat(onKafka).hasSize(first.size());
      assertThat(duplicates())
          .as("pushes on Kafka twice, at most one per publish the gateway was unsure of")
          .isLessThanOrEqualTo(gateway.unsure());
    }

    /** The report's row, for {@code load} and {@code fault}. */
    FaultReport report(String scenario, String load, String fault) {
      return new FaultReport(
          scenario,
          load,
          fault,
          acknowledged().size(),
          onKafka.size(),
          lost(),
          duplicates(),
          refused().size() + " answered 503 (" + percent(refused().size(), first.size()) + ")",
          slowest().toMillis() + " ms");
    }

    private static String percent(long part, long whole) {
      return String.format("%.2f %%", 100.0 * part / whole);
    }
  }

  /**
   * Waits for every answer and for WeChat's retries of the refused pushes (made as WeChat makes
   * them, within seconds: one of the three must be acknowledged), and reads the topic.
   */
  Tally finish(String bootstrap, String topic) {
    List<SignedPushes.Answer> first = answers.join();
    List<CompletableFuture<Boolean>> retries;
    synchronized (retried) {
      retries = List.copyOf(retried);
    }
    for (int i = 0; i < retries.size(); i++) {
      assertThat(retries.get(i).join())
          .as("push %d acknowledged within WeChat's %d retries", i, WECHAT_RETRIES)
          .isTrue();
    }
    // This run's pushes only: others (a warm-up's) may share the topic.
    Map<String, Integer> all = SignedPushes.eventIds(bootstrap, topic);
    Map<String, Integer> ours = new HashMap<>();
    for (SignedPushes.Answer a : first) {
      String id = wechat.eventId(a.push());
      if (all.containsKey(id)) {
        ours.put(id, all.get(id));
      }
    }
    Tally tally = new Tally(first, ours, wechat);
    System.out.printf(
        "%d pushes: %d acknowledged, %d answered 503 or not at all, slowest answer %d ms%n",
        first.size(),
        tally.acknowledged().size(),
        tally.refused().size(),
        tally.slowest().toMillis());
    return tally;
  }
}
