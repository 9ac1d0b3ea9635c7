package io.wxrelay.worker.consume;

import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.config.Env;
import io.wxrelay.worker.consume.PartitionProgress.Tracked;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer-group member that hands each record to a {@link RecordHandler} on its own virtual
 * thread: many records of one partition at once (bounded), records with the same key one after
 * another in offset order, and an offset committed only when it and every earlier record of its
 * partition are done (decision 0010). One polling thread owns the consumer, the offsets and the
 * rebalances; worker threads only report back through a queue.
 *
 * <p>On revocation and on {@link #close}: stop starting records of the partitions concerned, wait
 * up to the drain bound for running ones, commit what is done, interrupt the rest (they are
 * redelivered to the next owner, whose idempotency check finds them).
 */
public final class ConsumerEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerEngine.class);
  private static final Duration POLL = Duration.ofMillis(50);

  /**
   * How the engine paces itself.
   *
   * @param maxInFlight records being handled at once, all partitions together
   * @param maxInFlightPerPartition records of one partition being handled at once
   * @param commitInterval how often finished offsets are committed (asynchronously)
   * @param drainTimeout how long revocation and shutdown wait for running records
   * @param errorBackoff pause before handling a record again after a failure
   * @param poisonAttempts how often a record is tried when it fails for a reason that is not
   *     infrastructure, before it is given up ({@link RecordHandler#poisoned})
   */
  public record Settings(
      int maxInFlight,
      int maxInFlightPerPartition,
      Duration commitInterval,
      Duration drainTimeout,
      Duration errorBackoff,
      int poisonAttempts) {

    /**
     * The settings from the environment; {@code defaultDrain} is the drain bound when {@code
     * WORKER_DRAIN_TIMEOUT} is not set (the worker derives it from its call timeout).
     */
    public static Settings fromEnv(Env env, Duration defaultDrain) {
      return new Settings(
          env.integer("WORKER_MAX_IN_FLIGHT", 1000, 1, 100_000),
          env.integer("WORKER_MAX_IN_FLIGHT_PER_PARTITION", 250, 1, 100_000),
          env.duration("WORKER_COMMIT_INTERVAL", Duration.ofMillis(200)),
          env.duration("WORKER_DRAIN_TIMEOUT", defaultDrain),
          env.duration("WORKER_ERROR_BACKOFF", Duration.ofSeconds(1)),
          env.integer("WORKER_POISON_ATTEMPTS", 5, 1, 1000));
    }
  }

  private final String name;
  private final Consumer<String, byte[]> consumer;
  private final List<String> topics;
  private final RecordAttempts attempts;
  private final Settings settings;
  private final KeyedLanes lanes = new KeyedLanes();
  private final Backpressure backpressure;
  private final OffsetCommits commits;
  private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread poller;
  private volatile boolean running = true;
  private final EngineHealth health;

  private record Finished(PartitionProgress partition, Tracked tracked) {}

  private ConsumerEngine(
      String name,
      Consumer<String, byte[]> consumer,
      List<String> topics,
      RecordHandler handler,
      Failures failures,
      Settings settings,
      Runnable onHandlerFailure) {
    this.name = name;
    this.health = new EngineHealth(name, this::isRunning);
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.settings = settings;
    this.backpressure =
        new Backpressure(settings.maxInFlight(), settings.maxInFlightPerPartition());
    this.commits = new OffsetCommits(name, consumer, progress, settings.commitInterval());
    this.attempts =
        new RecordAttempts(
            name,
            handler,
            failures,
            settings.errorBackoff(),
            settings.poisonAttempts(),
            onHandlerFailure);
    this.poller = Thread.ofPlatform().name(name + "-poll").unstarted(this::run);
  }

  /**
   * Starts polling {@code topics} on a thread of its own. {@code failures} tells a failure of Redis
   * or Kafka (tried again for as long as it lasts) from one the record itself causes.
   */
  public static ConsumerEngine start(
      String name,
      Consumer<String, byte[]> consumer,
      List<String> topics,
      RecordHandler handler,
      Failures failures,
      Settings settings,
      Runnable onHandlerFailure) {
    ConsumerEngine engine =
        new ConsumerEngine(name, consumer, topics, handler, failures, settings, onHandlerFailure);
    engine.poller.start();
    return engine;
  }

  /** Records handed out and not finished yet. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Whether the polling thread is running (false after close or a fatal consumer error). */
  public boolean isRunning() {
    return stopped.getCount() > 0;
  }

  /** Liveness: the polling thread runs; once it has died, only a restart brings it back. */
  public Health liveness() {
    return health.liveness();
  }

  /** Readiness: running, in its group and polling ({@link EngineHealth}). */
  public Health readiness() {
    return health.readiness(progress.size());
  }

  private void run() {
    try {
      consumer.subscribe(topics, new Rebalance());
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          submit(record);
        }
        health.polled();
        reapFinished();
        backpressure.apply(consumer, progress, inFlight.get());
        commits.whenDue();
      }
    } catch (WakeupException e) {
      // close() woke us up
    } catch (RuntimeException e) {
      log.error("{}: the consumer failed; stopping this engine", name, e);
    } finally {
      shutdown();
    }
  }

  private void submit(ConsumerRecord<String, byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    PartitionProgress partition = progress.get(tp);
    if (partition == null) {
      return; // revoked in this very poll; the next owner reads it
    }
    Tracked tracked = partition.track(record.offset());
    inFlight.incrementAndGet();
    InboundRecord inbound = toInbound(record);
    String lane = laneOf(record);
    lanes.run(
        lane,
        () -> {
          tracked.window = CallWindow.bind();
          tracked.thread = Thread.currentThread();
          try {
            tracked.done = attempts.carryOut(inbound, () -> !partition.revoked && running);
          } finally {
            tracked.thread = null;
            CallWindow.unbind();
            finished.add(new Finished(partition, tracked));
          }
        },
        () -> finished.add(new Finished(partition, tracked))); // stopping: stays uncommitted
  }

  private void reapFinished() {
    Finished f;
    while ((f = finished.poll()) != null) {
      f.partition().finished();
      inFlight.decrementAndGet();
    }
  }

  /** Waits up to the drain bound for {@code partitions}' running records; returns the leftovers. */
  private int drain(Collection<TopicPartition> partitions) {
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    while (true) {
      reapFinished();
      int running = 0;
      for (TopicPartition tp : partitions) {
        PartitionProgress p = progress.get(tp);
        running += p == null ? 0 : p.inFlight;
      }
      if (running == 0 || System.nanoTime() >= deadline) {
        return running;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return running;
      }
    }
  }

  /**
   * Stops the records of {@code partitions}: no new one starts, the waiting ones stop now, those in
   * a WeChat call finish it and record its outcome (within the drain bound); then, when {@code
   * commit}, what is done is committed; what is left is interrupted.
   */
  private void giveUp(Collection<TopicPartition> partitions, boolean commit) {
    for (TopicPartition tp : partitions) {
      PartitionProgress p = progress.get(tp);
      if (p != null) {
        p.revoked = true;
        p.stopAll();
      }
    }
    int left = commit ? drain(partitions) : 0;
    if (commit) {
      try {
        commits.now(partitions);
      } catch (RuntimeException e) {
        log.warn("{}: final commit of {} failed: {}", name, partitions, e.toString());
      }
    }
    int cut = 0;
    for (TopicPartition tp : partitions) {
      PartitionProgress p = progress.remove(tp);
      // Lost (no commit possible): the calls in flight still finish and record their outcome,
      // which the claims keep the next owner waiting for; only a drained stop cuts at its bound.
      if (p != null && commit) {
        cut += p.cutAll();
      }
      backpressure.forget(tp);
    }
    if (left > 0) {
      log.warn(
          "{}: {} records still running after the drain bound of {}, {} of them in a WeChat call;"
              + " interrupted (a command cut in its call may end UNKNOWN)",
          name,
          left,
          settings.drainTimeout(),
          cut);
    }
  }

  private void shutdown() {
    try {
      consumer.pause(consumer.assignment());
      giveUp(List.copyOf(progress.keySet()), true);
    } catch (RuntimeException e) {
      log.warn("{}: shutting down: {}", name, e.toString());
    } finally {
      lanes.close();
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(tp -> progress.put(tp, new PartitionProgress()));
      health.joined(true);
      log.info("{}: assigned {}", name, partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      log.info("{}: revoked {}", name, partitions);
      giveUp(partitions, true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      health.joined(false); // until the group takes it back
      log.warn("{}: lost {} (no commit possible)", name, partitions);
      giveUp(partitions, false);
    }
  }

  /**
   * The lane {@code record} runs in: records of one key one after another, in offset order, other
   * keys at once. A record without a key has a lane of its own, named by its place: should its
   * partition be lost and come back to this worker while it still runs (in a WeChat call), its
   * second processing waits for the first, as a keyed record's does. The two would share the
   * claim's owner (this worker and the record), which only one processing at a time may hold.
   */
  static String laneOf(ConsumerRecord<String, byte[]> record) {
    return record.key() == null
        ? "at\u0000" + record.topic() + "\u0000" + record.partition() + "\u0000" + record.offset()
        : "key\u0000" + record.topic() + "\u0000" + record.key();
  }

  private static InboundRecord toInbound(ConsumerRecord<String, byte[]> record) {
    Map<String, byte[]> headers = new HashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), h.value());
    }
    return new InboundRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        headers,
        // a record written without a timestamp (an old format) says -1
        record.timestamp() >= 0
            ? Optional.of(Instant.ofEpochMilli(record.timestamp()))
            : Optional.empty());
  }

  /** Stops: no new records, running ones finish within the drain bound, done offsets committed. */
  @Override
  public void close() {
    closeTogether(List.of(this));
  }

  /**
   * Stops {@code engines} at once: each drains its records in parallel with the others, so that
   * stopping takes one drain bound, not one per engine.
   */
  public static void closeTogether(List<ConsumerEngine> engines) {
    for (ConsumerEngine engine : engines) {
      engine.running = false;
      engine.consumer.wakeup();
    }
    for (ConsumerEngine engine : engines) {
      engine.awaitStopped();
    }
  }

  private void awaitStopped() {
    try {
      if (!stopped.await(settings.drainTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        log.warn("{}: did not stop in time", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
