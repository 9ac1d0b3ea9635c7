package io.wxrelay.kit.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis requests from many threads, sent by one platform thread as pipelines: whatever queued while
 * the last batch was on the wire goes in one write and one read, on one connection borrowed from
 * the client's pool per batch.
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
 * fails; requests queued when the pipeline closes, or past its bound, are refused at once.
 */
public final class RedisPipeline implements AutoCloseable {
  /** Requests in one batch at most (as in the gateway's dedupe store). */
  static final int MAX_BATCH = 512;

  private static final int MAX_QUEUE = 100_000;
  private static final String CLOSED = "the Redis pipeline is closed";

  /** One request: queues its commands on the pipeline, and tells its answer after the sync. */
  private record Request<T>(
      Function<AbstractPipeline, ? extends Supplier<T>> commands, CompletableFuture<T> answer) {
    void queue(AbstractPipeline pipeline, List<Runnable> answers) {
      try {
        Supplier<T> reply = commands.apply(pipeline);
        answers.add(() -> complete(reply));
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    }

    private void complete(Supplier<T> reply) {
      try {
        answer.complete(reply.get());
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    }
  }

  private final RedisClient redis;
  private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>(MAX_QUEUE);
  private final Thread thread;
  private volatile boolean running = true;

  /** Batches on the wire: the pipeline's, and requests sent alone on their callers' threads. */
  private final AtomicInteger busy = new AtomicInteger();

  private final LongAdder batches = new LongAdder();

  /** Starts the pipeline's thread, named {@code name}; closing the pipeline leaves the client. */
  public RedisPipeline(RedisClient redis, String name) {
    this.redis = redis;
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  /**
   * Queues {@code commands} and blocks until Redis answered: they queue one or more commands on the
   * pipeline and return the supplier of the answer (a command's {@code Response}, or a function of
   * several), read after the batch's sync on the pipeline's thread.
   *
   * <p>Not from a request's own {@code commands} or answer: they run on the pipeline's thread.
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
    if (!running || !queue.offer(new Request<>(commands, answer))) {
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
    busy.incrementAndGet();
    batches.increment();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (Request<?> request : batch) {
        request.queue(pipeline, answers);
      }
      pipeline.sync();
      answers.forEach(Runnable::run);
    } catch (RuntimeException e) {
      batch.forEach(request -> request.answer().completeExceptionally(e));
    } finally {
      busy.decrementAndGet();
    }
  }

  /** Round trips so far, batches and requests sent alone (for tests). */
  long batches() {
    return batches.sum();
  }

  private static void refuse(List<Request<?>> requests, String why) {
    if (requests.isEmpty()) {
      return;
    }
    JedisConnectionException refused = new JedisConnectionException(why);
    requests.forEach(request -> request.answer().completeExceptionally(refused));
  }

  /** Stops the thread; requests not yet answered get a {@link JedisConnectionException}. */
  @Override
  public void close() {
    running = false;
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
