package io.wxrelay.worker.consume;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

  private synchronized boolean open() {
    if (stopping) {
      inCall = false;
      return false;
    }
    inCall = true;
    return true;
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

  private synchronized void await(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (!stopping) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    throw new InterruptedException("the record is being stopped");
  }

  private synchronized void close() {
    inCall = false;
  }

  /** Asks the record to stop: it starts no new call, and a wait it is in ends now. */
  synchronized void stop() {
    stopping = true;
    notifyAll();
  }

  /** The drain bound is over: interrupts the thread even in a call. True if it was in one. */
  synchronized boolean cut() {
    stopping = true;
    notifyAll();
    thread.interrupt();
    return inCall;
  }

  synchronized boolean inCall() {
    return inCall;
  }
}
