package io.wxrelay.worker.consume;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Whether the record a thread handles is in a WeChat call, and whether the engine wants it to stop.
 * A stop interrupts nothing: a record told to stop starts no new call ({@link #enter} says false),
 * and its waits ({@link #pause}: a permit, its due time, a retry) end at once; a call already under
 * way finishes and its outcome is recorded, so no Redis or Kafka write is broken by an interrupt.
 * Only when the drain bound is over does the engine interrupt the thread ({@link #cut}): the only
 * way a stop can leave a command UNKNOWN.
 *
 * <p>The window of the record being handled is bound to its thread by the engine; code that runs
 * without an engine (unit tests, tools) finds none and is never stopped this way.
 */
public final class CallWindow {
  private static final ThreadLocal<@Nullable CallWindow> CURRENT = new ThreadLocal<>();

  // A lock, not synchronized: a virtual thread waiting in Object.wait pins its carrier on JDK 21.
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stopped = lock.newCondition();
  private final Thread thread;
  private boolean inCall;
  private boolean stopping;

  private CallWindow(Thread thread) {
    this.thread = thread;
  }

  /** Binds a new window to the calling thread, for the record it is about to handle. */
  static CallWindow bind() {
    CallWindow window = new CallWindow(Thread.currentThread());
    CURRENT.set(window);
    return window;
  }

  /** Unbinds the calling thread's window (the record is handled). */
  static void unbind() {
    CURRENT.remove();
  }

  /**
   * The calling thread is about to make a WeChat call: true if it may (the window is now open until
   * {@link #leave}), false when its record is being stopped and must not start another call. True
   * when no engine handles the thread's record.
   */
  public static boolean enter() {
    CallWindow window = CURRENT.get();
    return window == null || window.open();
  }

  /**
   * The calling thread's call has ended and its outcome is recorded: a stop asked for meanwhile
   * takes effect at its next wait or call.
   */
  public static void leave() {
    CallWindow window = CURRENT.get();
    if (window != null) {
      window.close();
    }
  }

  /**
   * Whether the calling thread's record is being stopped: a run in its window checks it before it
   * starts a further request (a second call after a refused token), which it then does not make.
   */
  public static boolean stopRequested() {
    CallWindow window = CURRENT.get();
    return window != null && window.isStopping();
  }

  /**
   * Waits {@code duration}, or less: a stop of the calling thread's record ends the wait at once
   * with an {@link InterruptedException}, as does an interrupt. Without a window, a plain sleep.
   */
  public static void pause(Duration duration) throws InterruptedException {
    CallWindow window = CURRENT.get();
    if (window == null) {
      Thread.sleep(duration);
    } else {
      window.await(duration);
    }
  }

  private void await(Duration duration) throws InterruptedException {
    long left = duration.toNanos();
    lock.lock();
    try {
      while (!stopping) {
        if (left <= 0) {
          return;
        }
        left = stopped.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
    throw new InterruptedException("the record is being stopped");
  }

  private boolean open() {
    lock.lock();
    try {
      inCall = !stopping;
      return inCall;
    } finally {
      lock.unlock();
    }
  }

  private void close() {
    lock.lock();
    try {
      inCall = false;
    } finally {
      lock.unlock();
    }
  }

  private boolean isStopping() {
    lock.lock();
    try {
      return stopping;
    } finally {
      lock.unlock();
    }
  }

  /** Asks the record to stop: it starts no new call, and a wait it is in ends now. */
  void stop() {
    lock.lock();
    try {
      stopping = true;
      stopped.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The drain bound is over: interrupts the thread even in a call. True if it was in one. */
  boolean cut() {
    lock.lock();
    try {
      stopping = true;
      stopped.signalAll();
      thread.interrupt();
      return inCall;
    } finally {
      lock.unlock();
    }
  }

  boolean inCall() {
    lock.lock();
    try {
      return inCall;
    } finally {
      lock.unlock();
    }
  }
}
