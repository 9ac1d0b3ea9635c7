package io.wxrelay.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A send runs where it was decided only while the producer cannot block; else on its own thread.
 */
class SendLaneTest {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean onWheel = new AtomicBoolean();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Runnable> ownThreads = new ArrayList<>();
  private final SendLane lane =
      new SendLane(inFlight::get, onWheel::get, now::get, ownThreads::add);

  /** Which thread ran the send: the caller's, or one of its own (queued here, not run). */
  private String whereItRuns() {
    Thread caller = Thread.currentThread();
    AtomicBoolean ranHere = new AtomicBoolean();
    int before = ownThreads.size();
    lane.execute(() -> ranHere.set(Thread.currentThread() == caller));
    if (ranHere.get()) {
      return "here";
    }
    return ownThreads.size() == before + 1 ? "own thread" : "nowhere";
  }

  @Test
  void beforeKafkaAcknowledgedAnySendTheTopicsMetadataMayBeMissingSoASendGetsItsOwnThread() {
    assertThat(whereItRuns()).isEqualTo("own thread");
  }

  @Test
  void afterARecentAcknowledgementASendRunsWhereItWasDecided() {
    lane.acknowledged();
    now.addAndGet(SendLane.RECENT.toNanos() - 1);

    assertThat(whereItRuns()).isEqualTo("here");
  }

  @Test
  void anAcknowledgementOlderThanRecentNoLongerVouchesForTheMetadata() {
    lane.acknowledged();
    now.addAndGet(SendLane.RECENT.toNanos());

    assertThat(whereItRuns()).isEqualTo("own thread");
    lane.acknowledged(); // Kafka answers again
    assertThat(whereItRuns()).isEqualTo("here");
  }

  @Test
  void withManySendsWaitingTheBufferMightFillSoASendGetsItsOwnThread() {
    lane.acknowledged();
    inFlight.set(SendLane.MAX_IN_FLIGHT);

    assertThat(whereItRuns()).isEqualTo("own thread");
    inFlight.set(SendLane.MAX_IN_FLIGHT - 1);
    assertThat(whereItRuns()).isEqualTo("here");
  }

  @Test
  void aSendDecidedOnTheDeadlineWheelNeverRunsThere() {
    lane.acknowledged();
    onWheel.set(true);

    assertThat(whereItRuns()).isEqualTo("own thread");
  }

  @Test
  void theDefaultOwnThreadIsAVirtualThreadOfItsOwn() throws Exception {
    SendLane real = new SendLane(() -> 0, () -> false);
    CompletableFuture<Thread> ran = new CompletableFuture<>();

    real.execute(() -> ran.complete(Thread.currentThread()));

    Thread thread = ran.get(2, TimeUnit.SECONDS);
    assertThat(thread.isVirtual()).isTrue();
    assertThat(thread.getName()).isEqualTo("gateway-publish");
  }
}
