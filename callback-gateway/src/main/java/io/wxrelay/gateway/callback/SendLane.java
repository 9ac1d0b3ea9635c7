package io.wxrelay.gateway.callback;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Where a push's send runs (decision 0048). {@code KafkaProducer.send} blocks, up to {@code
 * max.block.ms}, while it has no metadata for the topic or no room in its buffer; a send there
 * would stall every claim behind it on the dedupe store's thread, or the deadlines on the wheel's.
 * So a send gets a virtual thread of its own unless the producer cannot block now:
 *
 * <ul>
 *   <li>it acknowledged a send within {@link #RECENT}: the topic's metadata is cached (the producer
 *       keeps it for {@code metadata.max.idle.ms}, 5 minutes by default, after the topic's last
 *       send, and a broker that stops answering leaves it cached);
 *   <li>fewer than {@link #MAX_IN_FLIGHT} sends wait for their acknowledgement: their batches (16
 *       KiB each at most) cannot fill the 32 MiB buffer;
 *   <li>the caller is not the deadline wheel's thread: a deadline's fallback never waits for a
 *       send, even if a topic deleted under the producer made one block.
 * </ul>
 *
 * Then the send runs on the thread that decided it (the dedupe store's, or the event loop without
 * dedupe), which saves a thread's start and a carrier's wake-up per push.
 */
final class SendLane implements Executor {
  /** How recent an acknowledgement must be: well inside {@code metadata.max.idle.ms}. */
  static final Duration RECENT = Duration.ofSeconds(30);

  /** Sends waiting for their acknowledgement, at most, for a send to run where it was decided. */
  static final int MAX_IN_FLIGHT = 256;

  private static final Executor OWN_THREAD =
      command -> Thread.ofVirtual().name("gateway-publish").start(command);

  private final IntSupplier inFlight;
  private final BooleanSupplier onWheel;
  private final LongSupplier nanoTime;
  private final Executor ownThread;
  private volatile long lastAck;
  private volatile boolean acknowledged;

  /** Reads the sends in flight from {@code inFlight}, and whether the caller is the wheel's. */
  SendLane(IntSupplier inFlight, BooleanSupplier onWheel) {
    this(inFlight, onWheel, System::nanoTime, OWN_THREAD);
  }

  SendLane(
      IntSupplier inFlight, BooleanSupplier onWheel, LongSupplier nanoTime, Executor ownThread) {
    this.inFlight = inFlight;
    this.onWheel = onWheel;
    this.nanoTime = nanoTime;
    this.ownThread = ownThread;
  }

  /** Kafka acknowledged a send: the topic's metadata is cached. */
  void acknowledged() {
    lastAck = nanoTime.getAsLong();
    acknowledged = true;
  }

  /** Whether a send may run on the caller's thread now. */
  boolean inline() {
    return acknowledged
        && nanoTime.getAsLong() - lastAck < RECENT.toNanos()
        && inFlight.getAsInt() < MAX_IN_FLIGHT
        && !onWheel.getAsBoolean();
  }

  @Override
  public void execute(Runnable send) {
    if (inline()) {
      send.run();
    } else {
      ownThread.execute(send);
    }
  }
}
