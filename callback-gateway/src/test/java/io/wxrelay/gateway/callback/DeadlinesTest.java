package io.wxrelay.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A push's fallback at its deadline, and no deadline left behind by a push that ended first. */
class DeadlinesTest {
  private final Deadlines deadlines = new Deadlines("deadlines-test");

  @AfterEach
  void stopTheWheel() {
    deadlines.close();
  }

  @Test
  void aFutureNotDoneByItsDeadlineGetsTheFallbackWithinATick() throws Exception {
    CompletableFuture<String> future = new CompletableFuture<>();
    long start = System.nanoTime();

    String value =
        deadlines
            .completeOnTimeout(future, "fallback", Duration.ofMillis(100))
            .get(2, TimeUnit.SECONDS);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(value).isEqualTo("fallback");
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(100))
        .isLessThan(Duration.ofSeconds(2)); // within a tick, but a loaded machine is slow to wake
  }

  @Test
  void aFutureDoneFirstKeepsItsValueAndItsDeadlineIsCancelled() {
    CompletableFuture<String> future = new CompletableFuture<>();
    deadlines.completeOnTimeout(future, "fallback", Duration.ofSeconds(30));
    assertThat(deadlines.pending()).isEqualTo(1);

    future.complete("acknowledged");

    assertThat(future.join()).isEqualTo("acknowledged");
    await().atMost(Duration.ofSeconds(2)).until(() -> deadlines.pending() == 0);
  }

  @Test
  void aFutureThatFailsFirstKeepsItsFailureAndItsDeadlineIsCancelled() {
    CompletableFuture<String> future = new CompletableFuture<>();
    deadlines.completeOnTimeout(future, "fallback", Duration.ofSeconds(30));

    future.completeExceptionally(new IllegalStateException("Kafka refused it"));

    assertThat(future).isCompletedExceptionally();
    await().atMost(Duration.ofSeconds(2)).until(() -> deadlines.pending() == 0);
  }

  @Test
  void aFutureAlreadyDoneGetsNoDeadline() {
    CompletableFuture<String> done = CompletableFuture.completedFuture("acknowledged");

    assertThat(deadlines.completeOnTimeout(done, "fallback", Duration.ofSeconds(30)))
        .isSameAs(done);
    assertThat(deadlines.pending()).isZero();
  }
}
