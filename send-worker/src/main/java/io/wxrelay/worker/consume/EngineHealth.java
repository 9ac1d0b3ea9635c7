package io.wxrelay.worker.consume;

import io.wxrelay.kit.admin.Health;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A consumer engine's health, from what its polling thread reports: it runs, it has joined its
 * group (an assignment came, possibly of no partition when there are more members than partitions,
 * and was not lost since), and it polled lately. Whether the brokers answer is Kafka's own check: a
 * consumer keeps polling empty fetches while they are gone.
 */
final class EngineHealth {
  /** A polling loop that has not come back for this long is stuck (it polls every 50 ms). */
  static final Duration POLL_STALE = Duration.ofSeconds(30);

  private final String name;
  private final BooleanSupplier running;
  private volatile boolean joined;
  private volatile long lastPollNanos = System.nanoTime();

  EngineHealth(String name, BooleanSupplier running) {
    this.name = name;
    this.running = running;
  }

  void polled() {
    lastPollNanos = System.nanoTime();
  }

  void joined(boolean inGroup) {
    joined = inGroup;
  }

  /** Live while the polling thread runs; once it has died, only a restart brings it back. */
  Health liveness() {
    return running.getAsBoolean()
        ? Health.ok()
        : Health.down(name + ": the polling thread stopped");
  }

  Health readiness(int partitions) {
    if (!running.getAsBoolean()) {
      return liveness();
    }
    if (!joined) {
      return Health.down(name + ": not in its consumer group yet (no partitions assigned)");
    }
    long sincePoll = System.nanoTime() - lastPollNanos;
    if (sincePoll > POLL_STALE.toNanos()) {
      return Health.down(
          name + ": no poll for " + TimeUnit.NANOSECONDS.toSeconds(sincePoll) + " s");
    }
    return Health.ok(name + ": " + partitions + " partitions");
  }
}
