package io.wxrelay.worker.consume;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on virtual threads, those of one lane (a record key) one after another in the order
 * they came, tasks of different lanes at once. A lane is forgotten once its last task is done.
 * Thread-safe.
 */
final class KeyedLanes implements AutoCloseable {
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

  /**
   * Runs {@code task} after the earlier tasks of {@code lane} (null: a lane of its own); {@code
   * rejected} runs instead when the lanes are closed by then.
   */
  void run(@Nullable String lane, Runnable task, Runnable rejected) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> previous = lane == null ? null : tails.put(lane, mine);
    Runnable inLane =
        () -> {
          try {
            task.run();
          } finally {
            if (lane != null) {
              tails.remove(lane, mine);
            }
            mine.complete(null);
          }
        };
    if (previous == null || previous.isDone()) {
      start(inLane, rejected, mine);
    } else {
      previous.whenComplete((ignored, error) -> start(inLane, rejected, mine));
    }
  }

  private void start(Runnable inLane, Runnable rejected, CompletableFuture<Void> mine) {
    try {
      workers.execute(inLane);
    } catch (RejectedExecutionException e) {
      rejected.run();
      mine.complete(null);
    }
  }

  /** Interrupts what runs and waits a little for it to end; later tasks are rejected. */
  @Override
  public void close() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
