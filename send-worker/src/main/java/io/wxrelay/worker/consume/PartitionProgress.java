package io.wxrelay.worker.consume;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The records of one partition that were handed out, in offset order, and which are done: the
 * offset to commit is the one after the longest done prefix. Touched only by the polling thread.
 */
final class PartitionProgress {
  /** One handed-out record. {@code done} and {@code thread} are written by its worker thread. */
  static final class Tracked {
    final long offset;
    volatile boolean done;
    volatile Thread thread;

    Tracked(long offset) {
      this.offset = offset;
    }
  }

  private final Deque<Tracked> outstanding = new ArrayDeque<>();
  private long committed = -1;
  private long committable = -1;
  volatile boolean revoked;
  int inFlight;

  Tracked track(long offset) {
    Tracked t = new Tracked(offset);
    outstanding.addLast(t);
    inFlight++;
    return t;
  }

  void finished() {
    inFlight--;
  }

  /** The next offset to commit if it moved since the last {@link #committed}, else empty. */
  OptionalLong toCommit() {
    while (!outstanding.isEmpty() && outstanding.peekFirst().done) {
      committable = outstanding.pollFirst().offset + 1;
    }
    return committable > committed ? OptionalLong.of(committable) : OptionalLong.empty();
  }

  void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  /** Interrupts the threads still working on this partition's records. */
  void interruptAll() {
    for (Tracked t : outstanding) {
      Thread thread = t.thread;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  int outstanding() {
    return outstanding.size();
  }
}
