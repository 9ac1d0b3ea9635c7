package io.wxrelay.gateway.store;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * Which events were already published, across gateway replicas: a key per event id, claimed as
 * {@code pending} before publishing and marked {@code done} (for the dedupe window) only after
 * Kafka acknowledged, so a failed publish never hides WeChat's retry.
 *
 * <p>Requests are queued and sent by one thread as a Redis pipeline, one round trip per batch: a
 * claim is {@code SET key pending NX PX <ms> GET} (Redis ≥ 7.0), which claims and tells what was
 * there in one command, after {@code SET sig-key fingerprint NX PX <window> GET}, which remembers
 * the signed query string's first body and tells a replay with another. Per-request blocking calls
 * measured several times slower on this 2-core machine (decision 0009).
 */
public final class RedisDedupeStore implements DedupeStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisDedupeStore.class);
  private static final int MAX_BATCH = 512;
  private static final int MAX_QUEUE = 100_000;
  private static final String DONE = "done";

  /**
   * How long a batch of marks alone ({@code done}, a release) waits for a claim to go with it.
   * Nobody waits for a mark, and WeChat retries a push seconds later, not milliseconds; a claim
   * never waits for a mark. At a steady rate of pushes this saves most marks a round trip of their
   * own, and each round trip costs the gateway a write and a read.
   */
  static final Duration MARKS_WAIT = Duration.ofMillis(2);

  /** How long {@link #close} waits for the last batch before it closes the connections. */
  private static final Duration CLOSING = Duration.ofSeconds(2);

  private sealed interface Op {}

  private record ClaimOp(
      String key, long pendingMs, SignatureUse use, CompletableFuture<Claim> result)
      implements Op {}

  private record DoneOp(String key, long windowMs) implements Op {}

  private record ReleaseOp(String key) implements Op {}

  private final RedisClient redis;
  private final String prefix;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>(MAX_QUEUE);
  private final long marksWaitNanos;
  private final Thread worker;
  private volatile boolean running = true;
  private final AtomicLong batches = new AtomicLong();

  RedisDedupeStore(RedisClient redis, String prefix, Duration marksWait) {
    this.redis = redis;
    this.prefix = prefix;
    this.marksWaitNanos = marksWait.toNanos();
    this.worker = Thread.ofPlatform().daemon().name("gateway-dedupe").start(this::run);
  }

  public static RedisDedupeStore connect(RedisSettings settings, String prefix) {
    return new RedisDedupeStore(RedisClients.create(settings), prefix, MARKS_WAIT);
  }

  /** Whether Redis answers, for /health/ready (where it is reported, not required). */
  public boolean reachable() {
    try {
      return "PONG".equals(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public CompletableFuture<Claim> claim(String key, Duration pendingFor, SignatureUse use) {
    CompletableFuture<Claim> result = new CompletableFuture<>();
    SignatureUse prefixed = new SignatureUse(prefix + use.key(), use.fingerprint(), use.window());
    if (!running
        || !queue.offer(new ClaimOp(prefix + key, pendingFor.toMillis(), prefixed, result))) {
      result.complete(Claim.UNAVAILABLE); // overloaded or closing: publish anyway
    }
    return result;
  }

  @Override
  public void done(String key, Duration window) {
    queue.offer(new DoneOp(prefix + key, window.toMillis()));
  }

  @Override
  public void release(String key) {
    queue.offer(new ReleaseOp(prefix + key));
  }

  /** The claims complete on the pipeline's one thread. */
  @Override
  public boolean onItsThread() {
    return Thread.currentThread() == worker;
  }

  private void run() {
    List<Op> batch = new ArrayList<>(MAX_BATCH);
    boolean interrupted = false;
    while (running) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        awaitClaim(batch);
      } catch (InterruptedException e) {
        interrupted = true;
        running = false; // closing: what is held still goes, and then what is still queued
      }
      sendAndClear(batch);
    }
    queue.drainTo(batch, MAX_BATCH);
    sendAndClear(batch); // so that a stop loses no mark that came before it
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendAndClear(List<Op> batch) {
    try {
      if (!batch.isEmpty()) {
        batches.incrementAndGet();
        send(batch);
      }
    } finally {
      batch.forEach(
          op -> {
            if (op instanceof ClaimOp claim) {
              claim.result().complete(Claim.UNAVAILABLE); // no-op if already completed
            }
          });
      batch.clear();
    }
  }

  /**
   * Adds to a batch of marks alone what comes within {@link #MARKS_WAIT}, until a claim comes: the
   * marks then go in the claim's round trip, in the order they were queued.
   */
  private void awaitClaim(List<Op> batch) throws InterruptedException {
    long deadline = System.nanoTime() + marksWaitNanos;
    int checked = 0;
    while (batch.size() < MAX_BATCH) {
      for (; checked < batch.size(); checked++) {
        if (batch.get(checked) instanceof ClaimOp) {
          return;
        }
      }
      long left = deadline - System.nanoTime();
      Op next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, MAX_BATCH - batch.size());
    }
  }

  private void send(List<Op> batch) {
    List<Response<String>> answers = new ArrayList<>(2 * batch.size());
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (Op op : batch) {
        switch (op) {
          case ClaimOp c -> {
            SignatureUse use = c.use();
            answers.add(
                pipeline.setGet(
                    use.key(),
                    use.fingerprint(),
                    SetParams.setParams().nx().px(use.window().toMillis())));
            answers.add(
                pipeline.setGet(c.key(), "pending", SetParams.setParams().nx().px(c.pendingMs())));
          }
          case DoneOp d -> pipeline.set(d.key(), DONE, SetParams.setParams().px(d.windowMs()));
          case ReleaseOp r -> pipeline.del(r.key());
        }
      }
      pipeline.sync();
      int i = 0;
      for (Op op : batch) {
        if (op instanceof ClaimOp c) {
          String signedBefore = answers.get(i++).get();
          String before = answers.get(i++).get();
          c.result().complete(claim(c, signedBefore, before));
        }
      }
    } catch (RuntimeException e) {
      log.warn(
          "dedupe store unavailable ({}); publishing without dedupe", e.getClass().getSimpleName());
    }
  }

  /**
   * What a claim found: a signature used before with another body is a replay (and the event key it
   * may just have claimed is let go); else what the event key held.
   */
  private Claim claim(ClaimOp c, String signedBefore, String before) {
    if (signedBefore != null && !signedBefore.equals(c.use().fingerprint())) {
      if (before == null) {
        queue.offer(new ReleaseOp(c.key()));
      }
      return Claim.REPLAYED;
    }
    return before == null ? Claim.CLAIMED : DONE.equals(before) ? Claim.DONE : Claim.PENDING;
  }

  /** Batches sent so far (round trips), for tests. */
  long batches() {
    return batches.get();
  }

  /**
   * Sends what is held and queued, then closes the connections (after {@link #CLOSING} at most).
   */
  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(CLOSING);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    redis.close();
  }
}
