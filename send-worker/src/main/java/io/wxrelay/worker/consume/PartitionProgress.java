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
    volatile CallWindow window;

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

  /**
   * Tells the records still being worked on to stop: those waiting stop now, those in a WeChat call
   * once its outcome is recorded ({@link CallWindow#stop}).
   */
  void stopAll() {
    for (Tracked t : outstanding) {
      CallWindow window = t.window;
      if (window != null && t.thread != null) {
        window.stop();
      }
    }
  }

  /**
   * Interrupts the records still being worked on, in a call or not (the drain bound is over);
   * returns how many were in a WeChat call.
   */
  int cutAll() {
    int inCall = 0;
    for (Tracked t : outstanding) {
      CallWindow window = t.window;
      if (window != null && t.thread != null) { // the window is set before the thread
        inCall += window.cut() ? 1 : 0;
      }
    }
    return inCall;
  }

  int outstanding() {
    return outstanding.size();
  }
}
