package io.wxrelay.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallWindowTest {

  /** What a record's thread does with its window bound; an interrupt ends it as "interrupted". */
  @FunctionalInterface
  private interface Handling {
    String run(CountDownLatch ready) throws InterruptedException;
  }

  private record Handled(CallWindow window, CompletableFuture<String> outcome) {}

  /** Runs {@code handling} on a virtual thread, as the engine runs a record; returns once ready. */
  private static Handled handle(Handling handling) throws InterruptedException {
    CompletableFuture<CallWindow> window = new CompletableFuture<>();
    CompletableFuture<String> outcome = new CompletableFuture<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread.ofVirtual()
        .start(
            () -> {
              window.complete(CallWindow.bind());
              try {
                outcome.complete(handling.run(ready));
              } catch (InterruptedException e) {
                outcome.complete("interrupted, flag " + Thread.currentThread().isInterrupted());
              } finally {
                CallWindow.unbind();
              }
            });
    ready.await();
    return new Handled(window.join(), outcome);
  }

  @Test
  void withoutAnEngineEveryCallMayStartAndAPauseIsASleep() throws Exception {
    assertThat(CallWindow.enter()).isTrue();
    CallWindow.leave();
    long start = System.nanoTime();
    CallWindow.pause(Duration.ofMillis(20));
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
  }

  @Test
  void aStopEndsAWaitAtOnceWithoutInterruptingTheThread() throws Exception {
    Handled waiting =
        handle(
            ready -> {
              ready.countDown();
              CallWindow.pause(Duration.ofMinutes(5));
              return "slept";
            });

    waiting.window().stop();

    assertThat(waiting.outcome().get(5, TimeUnit.SECONDS)).isEqualTo("interrupted, flag false");
  }

  @Test
  void aStopDuringACallWaitsForItsEndAndThenNoCallStarts() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    Handled calling =
        handle(
            ready -> {
              boolean entered = CallWindow.enter();
              ready.countDown();
              answer.await(); // the call: not cut by the stop
              boolean interrupted = Thread.currentThread().isInterrupted();
              CallWindow.leave();
              return "entered "
                  + entered
                  + ", interrupted "
                  + interrupted
                  + ", next call "
                  + CallWindow.enter();
            });

    calling.window().stop();
    assertThat(calling.window().inCall()).isTrue();
    answer.countDown();

    assertThat(calling.outcome().get(5, TimeUnit.SECONDS))
        .isEqualTo("entered true, interrupted false, next call false");
  }

  @Test
  void onlyACutAtTheDrainBoundInterruptsACall() throws Exception {
    Handled calling =
        handle(
            ready -> {
              CallWindow.enter();
              ready.countDown();
              new CountDownLatch(1).await(); // a call that never answers
              return "answered";
            });

    calling.window().stop();
    await().during(Duration.ofMillis(200)).until(() -> !calling.outcome().isDone());

    assertThat(calling.window().cut()).as("was in a call").isTrue();
    assertThat(calling.outcome().get(5, TimeUnit.SECONDS)).startsWith("interrupted");
  }
}
