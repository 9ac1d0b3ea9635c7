package io.wxrelay.gateway.callback;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Where a push's send runs (decision 0048). {@code KafkaProducer.send} blocks, up to {@code
 * max.block.ms}, while it has no partitions for the topic in its metadata or no room in its buffer;
 * a send there would stall what runs on the same thread. So a send gets a virtual thread of its own
 * unless all of these hold, when it runs on the dedupe store's thread, which has just read its
 * claim from Redis:
 *
 * <ul>
 *   <li>the caller is the dedupe store's thread ({@code DedupeStore.onItsThread}), never the event
 *       loop (without dedupe, or a claim already answered) nor the deadline wheel (a claim that
 *       timed out);
 *   <li>Kafka acknowledged a send within {@link #RECENT}: the topic's partitions were known then,
 *       and the producer keeps them for {@code metadata.max.idle.ms} (5 minutes by default) after
 *       each send, and when the brokers stop answering;
 *   <li>fewer than {@link #MAX_IN_FLIGHT} sends wait for their acknowledgement, and the record is
 *       at most {@link #MAX_INLINE_BYTES}: each holds at most a batch of 16 KiB, 4 MiB in all, well
 *       inside the producer's 32 MiB buffer (its defaults; {@code KAFKA_CLIENT_BUFFER_MEMORY} below
 *       that would void it);
 *   <li>no send on that thread took longer than {@link #SLOW} since Kafka last acknowledged one: if
 *       the producer blocks after all (a topic deleted under it, a topic-level error in a metadata
 *       answer), it costs one {@code max.block.ms}, not one for every batch of claims.
 * </ul>
 *
 * That saves a thread's start and a carrier's wake-up per push.
 */
final class SendLane {
  /** How recent an acknowledgement must be: well inside {@code metadata.max.idle.ms}. */
  static final Duration RECENT = Duration.ofSeconds(30);

  /** Sends waiting for their acknowledgement, at most, for a send to run inline. */
  static final int MAX_IN_FLIGHT = 256;

  /** The largest record sent inline: the producer's default batch size. */
  static final int MAX_INLINE_BYTES = 16 * 1024;

  /** An inline send this slow means the producer blocked: stop until Kafka acknowledges again. */
  static final Duration SLOW = Duration.ofMillis(100);

  private static final Executor OWN_THREAD =
      command -> Thread.ofVirtual().name("gateway-publish").start(command);

  private final IntSupplier inFlight;
  private final BooleanSupplier onDedupeThread;
  private final LongSupplier nanoTime;
  private final Executor ownThread;
  private volatile long lastAck;
  private volatile boolean trusted;

  /** Reads the sends in flight from {@code inFlight}, and whether the caller is the store's. */
  SendLane(IntSupplier inFlight, BooleanSupplier onDedupeThread) {
    this(inFlight, onDedupeThread, System::nanoTime, OWN_THREAD);
  }

  SendLane(
      IntSupplier inFlight,
      BooleanSupplier onDedupeThread,
      LongSupplier nanoTime,
      Executor ownThread) {
    this.inFlight = inFlight;
    this.onDedupeThread = onDedupeThread;
    this.nanoTime = nanoTime;
    this.ownThread = ownThread;
  }

  /** Kafka acknowledged a send: the topic's partitions are known. */
  void acknowledged() {
    lastAck = nanoTime.getAsLong();
    if (!trusted) {
      trusted = true; // written only when it changes: this runs once per push
    }
  }

  /** The executor of the send of a record of {@code bytes}. */
  Executor forRecord(int bytes) {
    return send -> {
      if (inline(bytes)) {
        long start = nanoTime.getAsLong();
        send.run();
        if (nanoTime.getAsLong() - start >= SLOW.toNanos()) {
          trusted = false; // it blocked: own threads until Kafka acknowledges again
        }
      } else {
        ownThread.execute(send);
      }
    };
  }

  /** Whether a send of a record of {@code bytes} may run on the caller's thread now. */
  boolean inline(int bytes) {
    return trusted
        && bytes <= MAX_INLINE_BYTES
        && onDedupeThread.getAsBoolean()
        && nanoTime.getAsLong() - lastAck < RECENT.toNanos()
        && inFlight.getAsInt() < MAX_IN_FLIGHT;
  }
}
