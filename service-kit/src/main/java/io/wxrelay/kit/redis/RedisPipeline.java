package io.wxrelay.kit.redis;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis requests from many threads, sent by one platform thread as pipelines: whatever queued while
 * the last batch was on the wire goes in one round trip, on one connection borrowed from the
 * client's pool per batch.
 *
 * <p>A caller blocks in {@link #call} as it would in a blocking Jedis command, and gets the same
 * answer or the same exception: the batch's own (a {@link JedisConnectionException} when Redis does
 * not answer within the client's socket timeout) or its request's (a {@code JedisDataException}).
 * What it saves is a write, a read and a socket wait with a timeout per request: on virtual threads
 * each of those parks, and a timed park is a timer scheduled and cancelled (decision 0049).
 *
 * <p>A request that finds nothing on the wire and nothing queued goes at once, on its caller's
 * thread, in a batch of its own: at low rates a call costs what the blocking command did, with no
 * hand-off to the pipeline's thread and back.
 *
 * <p>A request never waits forever: the thread answers every request it took, also when a batch
 * fails; a watchdog fails a queued request with no answer after twice the client's timeout (a write
 * has no socket timeout), as a timeout; requests queued when the pipeline closes, or past its
 * bound, are refused at once.
 */
public final class RedisPipeline implements AutoCloseable {
  /** Requests in one batch at most (as in the gateway's dedupe store). */
  static final int MAX_BATCH = 512;

  private static final int MAX_QUEUE = 100_000;
  private static final String CLOSED = "the Redis pipeline is closed";

  /** One request: queues its commands on the pipeline, and tells its answer after the sync. */
  private record Request<T>(
      Function<AbstractPipeline, ? extends Supplier<T>> commands,
      CompletableFuture<T> answer,
      long queuedAt) {
    void queue(AbstractPipeline pipeline, List<Runnable> answers) {
      try {
        Supplier<T> reply = commands.apply(pipeline);
        answers.add(() -> complete(reply));
      } catch (RuntimeException | Error e) {
        answer.completeExceptionally(asRedisFailure(e));
      }
    }

    private void complete(Supplier<T> reply) {
      try {
        answer.complete(reply.get());
      } catch (RuntimeException | Error e) {
        answer.completeExceptionally(asRedisFailure(e));
      }
    }
  }

  private final RedisClient redis;
  private final long limitNanos;
  private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>(MAX_QUEUE);
  private final Thread thread;
  private final ScheduledExecutorService watchdog;
  private volatile List<Request<?>> onTheWire = List.of();
  private volatile boolean running = true;

  /** Batches on the wire: the pipeline's, and requests sent alone on their callers' threads. */
  private final AtomicInteger busy = new AtomicInteger();

  private final LongAdder batches = new LongAdder();

  /**
   * Starts the pipeline's thread, named {@code name}, and its watchdog; closing the pipeline leaves
   * the client.
   *
   * @param timeout the client's timeout ({@code REDIS_TIMEOUT}): a queued request that has no
   *     answer after twice as long fails, as a blocking command fails when Redis does not answer
   */
  public RedisPipeline(RedisClient redis, String name, Duration timeout) {
    this.redis = redis;
    this.limitNanos = 2 * timeout.toNanos();
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name(name + "-watchdog").factory());
    long every = Math.max(1, timeout.toMillis() / 4);
    watchdog.scheduleWithFixedDelay(this::failLate, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues {@code commands} and blocks until Redis answered: they queue one or more commands on the
   * pipeline and return the supplier of the answer (a command's {@code Response}, or a function of
   * several), read after the batch's sync, on the thread that sent the batch (the caller's own when
   * it went alone, else the pipeline's).
   *
   * <p>Not from a request's own {@code commands} or answer: they may run on the pipeline's thread.
   *
   * @throws redis.clients.jedis.exceptions.JedisException what the blocking command would have
   *     thrown: Redis unreachable or too slow, or its error reply to this request
   */
  public <T> T call(Function<AbstractPipeline, ? extends Supplier<T>> commands) {
    if (running && queue.isEmpty() && busy.compareAndSet(0, 1)) {
      try {
        return alone(commands); // nothing on the wire: no hand-off, nothing to share
      } finally {
        busy.decrementAndGet();
      }
    }
    CompletableFuture<T> answer = new CompletableFuture<>();
    if (!running || !queue.offer(new Request<>(commands, answer, System.nanoTime()))) {
      throw new JedisConnectionException(running ? "too many Redis requests waiting" : CLOSED);
    }
    if (!running) {
      refuseQueued(); // closed while it was queued: the thread may be gone already
    }
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JedisConnectionException("interrupted while waiting for Redis", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A request sent on the caller's thread, in a batch of its own. */
  private <T> T alone(Function<AbstractPipeline, ? extends Supplier<T>> commands) {
    batches.increment();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      Supplier<T> reply = commands.apply(pipeline);
      pipeline.sync();
      return reply.get();
    }
  }

  private void run() {
    List<Request<?>> batch = new ArrayList<>(MAX_BATCH);
    List<Runnable> answers = new ArrayList<>(MAX_BATCH);
    try {
      while (running) {
        try {
          batch.add(queue.take());
          queue.drainTo(batch, MAX_BATCH - 1);
          send(batch, answers);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        } finally {
          refuse(batch, CLOSED); // no-op for those answered
          batch.clear();
          answers.clear();
        }
      }
    } finally {
      running = false; // also if the thread dies of an Error: no request waits for it
      refuseQueued();
    }
  }

  private void send(List<Request<?>> batch, List<Runnable> answers) {
    batch.removeIf(request -> request.answer().isDone()); // failed late: never sent
    if (batch.isEmpty()) {
      return;
    }
    busy.incrementAndGet();
    batches.increment();
    onTheWire = List.copyOf(batch);
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (Request<?> request : batch) {
        request.queue(pipeline, answers);
      }
      pipeline.sync();
      answers.forEach(Runnable::run);
    } catch (RuntimeException | Error e) {
      RuntimeException failure = asRedisFailure(e);
      batch.forEach(request -> request.answer().completeExceptionally(failure));
    } finally {
      onTheWire = List.of();
      busy.decrementAndGet();
    }
  }

  /**
   * Fails the requests on the wire or queued for longer than the limit: a write that blocks (Redis
   * stalled, the network gone) has no socket timeout, and a request behind several failing batches
   * would add up their timeouts. One queued that late is then never sent.
   */
  private void failLate() {
    try {
      long now = System.nanoTime();
      for (Request<?> request : onTheWire) {
        failIfLate(request, now);
      }
      for (Request<?> request : queue) {
        failIfLate(request, now);
      }
    } catch (RuntimeException e) {
      // never seen; the next round tries again (an exception would stop the schedule)
    }
  }

  private void failIfLate(Request<?> request, long now) {
    if (now - request.queuedAt() > limitNanos && !request.answer().isDone()) {
      request
          .answer()
          .completeExceptionally(
              new JedisConnectionException(
                  "Redis did not answer within " + Duration.ofNanos(limitNanos),
                  new SocketTimeoutException("the Redis pipeline's limit")));
    }
  }

  /**
   * What a caller gets for a failure that is not Redis's own: a connection failure, caused by it.
   */
  private static RuntimeException asRedisFailure(Throwable failure) {
    return failure instanceof RuntimeException runtime
        ? runtime
        : new JedisConnectionException("the Redis pipeline failed", failure);
  }

  /** Requests queued, not yet taken into a batch (for tests). */
  int queued() {
    return queue.size();
  }

  /** Round trips so far, batches and requests sent alone (for tests). */
  long batches() {
    return batches.sum();
  }

  private static void refuse(List<Request<?>> requests, String why) {
    if (requests.stream().allMatch(request -> request.answer().isDone())) {
      return; // the usual case after a batch: no exception made for nothing
    }
    JedisConnectionException refused = new JedisConnectionException(why);
    requests.forEach(request -> request.answer().completeExceptionally(refused));
  }

  /** Stops the thread; requests not yet answered get a {@link JedisConnectionException}. */
  @Override
  public void close() {
    running = false;
    watchdog.shutdownNow();
    thread.interrupt();
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    refuseQueued();
  }

  private void refuseQueued() {
    List<Request<?>> left = new ArrayList<>();
    queue.drainTo(left);
    refuse(left, CLOSED);
  }
}
