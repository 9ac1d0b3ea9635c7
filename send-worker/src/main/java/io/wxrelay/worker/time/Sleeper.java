package io.wxrelay.worker.time;

import java.time.Duration;

/**
 * Waits (docs/architecture.md, convention 8): tests can replace it; the worker's waits are
 * interruptible.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

  void sleep(Duration duration) throws InterruptedException;
}
