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

/** A send runs on the dedupe store's thread only while Kafka cannot make it wait there. */
class SendLaneTest {
  private static final int SMALL = 1_000;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean onDedupeThread = new AtomicBoolean(true);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Runnable> ownThreads = new ArrayList<>();
  private final SendLane lane =
      new SendLane(inFlight::get, onDedupeThread::get, now::get, ownThreads::add);

  /**
   * Where a send of {@code bytes} ran: here (the caller's thread), or its own (queued, not run).
   */
  private String whereItRuns(int bytes, Runnable send) {
    Thread caller = Thread.currentThread();
    AtomicBoolean ranHere = new AtomicBoolean();
    int before = ownThreads.size();
    lane.forRecord(bytes)
        .execute(
            () -> {
              ranHere.set(Thread.currentThread() == caller);
              send.run();
            });
    if (ranHere.get()) {
      return "here";
    }
    return ownThreads.size() == before + 1 ? "own thread" : "nowhere";
  }

  private String whereItRuns() {
    return whereItRuns(SMALL, () -> {});
  }

  @Test
  void beforeKafkaAcknowledgedAnySendTheTopicsPartitionsMayBeUnknownSoASendGetsItsOwnThread() {
    assertThat(whereItRuns()).isEqualTo("own thread");
  }

  @Test
  void afterARecentAcknowledgementASendRunsOnTheDedupeStoresThread() {
    lane.acknowledged();
    now.addAndGet(SendLane.RECENT.toNanos() - 1);

    assertThat(whereItRuns()).isEqualTo("here");
  }

  @Test
  void aSendDecidedOnAnyOtherThreadNeverRunsThere() {
    // The event loop (no dedupe, or a claim answered before the send was chained) or the deadline
    // wheel (a claim that timed out): nothing there may wait for Kafka.
    lane.acknowledged();
    onDedupeThread.set(false);

    assertThat(whereItRuns()).isEqualTo("own thread");
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
  void aRecordLargerThanABatchGetsItsOwnThread() {
    lane.acknowledged();

    assertThat(whereItRuns(SendLane.MAX_INLINE_BYTES + 1, () -> {})).isEqualTo("own thread");
    assertThat(whereItRuns(SendLane.MAX_INLINE_BYTES, () -> {})).isEqualTo("here");
  }

  @Test
  void aSendThatBlockedInlineSendsTheNextOnesToTheirOwnThreadsUntilKafkaAcknowledgesAgain() {
    lane.acknowledged();

    Runnable blocks = () -> now.addAndGet(SendLane.SLOW.toNanos());
    assertThat(whereItRuns(SMALL, blocks)).isEqualTo("here");
    assertThat(whereItRuns()).isEqualTo("own thread");

    lane.acknowledged();
    assertThat(whereItRuns()).isEqualTo("here");
  }

  @Test
  void theDefaultOwnThreadIsAVirtualThreadOfItsOwn() throws Exception {
    SendLane real = new SendLane(() -> 0, () -> true);
    CompletableFuture<Thread> ran = new CompletableFuture<>();

    real.forRecord(SMALL).execute(() -> ran.complete(Thread.currentThread()));

    Thread thread = ran.get(2, TimeUnit.SECONDS);
    assertThat(thread.isVirtual()).isTrue();
    assertThat(thread.getName()).isEqualTo("gateway-publish");
  }
}
