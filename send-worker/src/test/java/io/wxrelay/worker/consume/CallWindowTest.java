package io.wxrelay.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallWindowTest {

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
    AtomicReference<CallWindow> window = new AtomicReference<>();
    CountDownLatch bound = new CountDownLatch(1);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .start(
                () -> {
                  window.set(CallWindow.bind());
                  bound.countDown();
                  try {
                    CallWindow.pause(Duration.ofMinutes(5));
                    outcome.complete("slept");
                  } catch (InterruptedException e) {
                    outcome.complete(
                        "stopped, interrupt flag " + Thread.currentThread().isInterrupted());
                  } finally {
                    CallWindow.unbind();
                  }
                });
    bound.await();
    window.get().stop();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo("stopped, interrupt flag false");
    thread.join();
  }

  @Test
  void aStopDuringACallWaitsForItsEndAndThenNoCallStarts() throws Exception {
    AtomicReference<CallWindow> window = new AtomicReference<>();
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              window.set(CallWindow.bind());
              try {
                assertThat(CallWindow.enter()).isTrue();
                inCall.countDown();
                answer.await(); // the call: not cut by the stop
                boolean interrupted = Thread.currentThread().isInterrupted();
                CallWindow.leave();
                outcome.complete(
                    "answered, interrupted " + interrupted + ", next call " + CallWindow.enter());
              } catch (InterruptedException e) {
                outcome.complete("cut");
              } finally {
                CallWindow.unbind();
              }
            });
    inCall.await();
    window.get().stop();
    assertThat(window.get().inCall()).isTrue();
    answer.countDown();

    assertThat(outcome.get(5, TimeUnit.SECONDS))
        .isEqualTo("answered, interrupted false, next call false");
  }

  @Test
  void onlyACutAtTheDrainBoundInterruptsACall() throws Exception {
    AtomicReference<CallWindow> window = new AtomicReference<>();
    CountDownLatch inCall = new CountDownLatch(1);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              window.set(CallWindow.bind());
              CallWindow.enter();
              inCall.countDown();
              try {
                new CountDownLatch(1).await(); // a call that never answers
                outcome.complete("answered");
              } catch (InterruptedException e) {
                outcome.complete("cut");
              } finally {
                CallWindow.unbind();
              }
            });
    inCall.await();
    window.get().stop();
    await().during(Duration.ofMillis(200)).until(() -> !outcome.isDone());

    assertThat(window.get().cut()).as("was in a call").isTrue();
    assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo("cut");
  }
}
