package io.wxrelay.gateway.callback;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Completes a push's futures with a fallback at a deadline (the claim's quarter of the ack timeout,
 * the ack timeout itself), on a timer wheel of Netty's (decision 0046). {@link
 * CompletableFuture#completeOnTimeout} schedules each deadline on the JDK's shared delay scheduler,
 * whose thread is woken to insert it and again to remove it when the push ends first, as almost
 * every push does: two wake-ups of a third thread per push. The wheel's thread ticks at its own
 * pace (every {@link #TICK}); adding and cancelling a deadline only touch lock-free queues. A
 * deadline is kept to within a tick, which a timeout of hundreds of milliseconds does not notice.
 *
 * <p>A deadline that comes completes its future on the wheel's thread, and what is chained to the
 * future without an executor runs there: the 503's write (Netty queues it to the channel's loop),
 * its span, the hand-off of a send to its virtual thread ({@link SendLane} never sends on this
 * thread). Nothing chained there may block; it is not handed to the common pool, whose workers an
 * application may have busy ({@code BoundedAnswerTest}).
 */
final class Deadlines implements AutoCloseable {
  /** How often the wheel looks for deadlines that have come: their precision. */
  static final Duration TICK = Duration.ofMillis(10);

  private final HashedWheelTimer wheel;

  /** A wheel of its own, on one daemon thread named {@code name}, started at the first deadline. */
  Deadlines(String name) {
    wheel =
        new HashedWheelTimer(
            new DefaultThreadFactory(name, true), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Completes {@code future} with {@code value} if it is not done within {@code after}; the
   * deadline is cancelled when it is. Returns {@code future}, as {@link
   * CompletableFuture#completeOnTimeout} does.
   */
  <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> future, T value, Duration after) {
    if (future.isDone()) {
      return future;
    }
    Timeout deadline =
        wheel.newTimeout(t -> future.complete(value), after.toNanos(), TimeUnit.NANOSECONDS);
    future.whenComplete((result, error) -> deadline.cancel());
    return future;
  }

  /** Deadlines neither come nor cancelled yet (a cancelled one leaves at the next tick). */
  long pending() {
    return wheel.pendingTimeouts();
  }

  /** Stops the wheel's thread; deadlines not yet come never come. */
  @Override
  public void close() {
    wheel.stop();
  }
}
