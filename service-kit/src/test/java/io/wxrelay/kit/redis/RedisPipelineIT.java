package io.wxrelay.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

@ExtendWith(RealInfrastructure.class)
@Timeout(30)
class RedisPipelineIT {
  /** Holds Redis for 300 ms (a script that watches Redis's clock), so that requests queue. */
  private static final String HOLD =
      """
      local t = redis.call('TIME')
      local start = t[1] * 1000000 + t[2]
      repeat
        t = redis.call('TIME')
      until t[1] * 1000000 + t[2] - start >= 300000
      return 1
      """;

  @Test
  void requestsQueuedWhileABatchIsOnTheWireGoTogetherAndEachGetsItsOwnAnswer(RedisEndpoint redis)
      throws Exception {
    String key = redis.uniquePrefix("pipeline") + "counter";
    try (RedisClient client = RedisClients.create(settings(redis.url(), Duration.ofSeconds(5)));
        RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it");
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Object> held = threads.submit(() -> pipeline.call(p -> p.eval(HOLD)));
      awaitBatches(pipeline, 1);
      long before = pipeline.batches();

      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        counts.add(threads.submit(() -> pipeline.call(p -> p.incr(key))));
      }
      List<Long> answers = new ArrayList<>();
      for (Future<Long> count : counts) {
        answers.add(count.get());
      }

      assertThat(held.get()).isEqualTo(1L);
      assertThat(answers).doesNotHaveDuplicates().hasSize(200).allMatch(n -> n >= 1 && n <= 200);
      assertThat(pipeline.batches() - before).isLessThanOrEqualTo(3); // 200 requests, ≤ 3 writes
      assertThat(client.get(key)).isEqualTo("200");
      client.del(key);
    }
  }

  @Test
  void aRequestRedisRefusesFailsAloneWithRedisOwnError(RedisEndpoint redis) {
    String key = redis.uniquePrefix("pipeline") + "text";
    try (RedisClient client = RedisClients.create(settings(redis.url(), Duration.ofSeconds(5)));
        RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it")) {
      client.set(key, "a string");

      assertThatThrownBy(() -> pipeline.call(p -> p.hget(key, "field")))
          .isInstanceOf(JedisDataException.class)
          .hasMessageContaining("WRONGTYPE");
      assertThat(
              pipeline.<String>call(
                  p -> {
                    Response<Long> appended = p.append(key, "!");
                    Response<String> now = p.get(key);
                    return () -> appended.get() + " " + now.get();
                  }))
          .isEqualTo("9 a string!");
      client.del(key);
    }
  }

  @Test
  void aRedisThatNeverAnswersFailsTheCallAfterTheClientsTimeoutAndTheNextOneToo() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var accepting = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      accepting.submit(
          () -> {
            while (!silent.isClosed()) {
              accepted.add(silent.accept()); // reads nothing, answers nothing
            }
            return null;
          });
      URI url = URI.create("redis://127.0.0.1:" + silent.getLocalPort());
      try (RedisClient client = RedisClients.create(settings(url, Duration.ofMillis(300)));
          RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it")) {
        for (int i = 0; i < 2; i++) {
          long start = System.nanoTime();
          assertThatThrownBy(() -> pipeline.call(p -> p.get("anything")))
              .isInstanceOf(JedisConnectionException.class);
          assertThat(Duration.ofNanos(System.nanoTime() - start))
              .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        }
      }
      silent.close();
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aLoneRequestGoesOnItsCallersThreadAndOneThatFindsABatchOnTheWireOnThePipelines(
      RedisEndpoint redis) throws Exception {
    try (RedisClient client = RedisClients.create(settings(redis.url(), Duration.ofSeconds(5)));
        RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it");
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      assertThat(answeredOn(pipeline)).isEqualTo(Thread.currentThread().getName());

      Future<Object> held = threads.submit(() -> pipeline.call(p -> p.eval(HOLD)));
      awaitBatches(pipeline, 2);
      assertThat(answeredOn(pipeline)).isEqualTo("pipeline-it");
      assertThat(held.get()).isEqualTo(1L);
    }
  }

  @Test
  void aClosedPipelineRefusesAtOnceAndAnswersWhatWasWaiting(RedisEndpoint redis) throws Exception {
    try (RedisClient client = RedisClients.create(settings(redis.url(), Duration.ofSeconds(5)));
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it");
      Future<Object> alone = threads.submit(() -> pipeline.call(p -> p.eval(HOLD)));
      awaitBatches(pipeline, 1);
      Future<Object> batched = threads.submit(() -> pipeline.call(p -> p.eval(HOLD)));
      awaitBatches(pipeline, 2); // the pipeline's thread waits for Redis: the next one queues
      CountDownLatch queued = new CountDownLatch(1);
      Future<Boolean> waiting =
          threads.submit(
              () -> {
                queued.countDown();
                return pipeline.call(p -> p.exists("anything"));
              });
      queued.await();
      Thread.sleep(50);

      pipeline.close();

      assertThat(alone.get(5, TimeUnit.SECONDS)).isEqualTo(1L); // what was on the wire ends
      assertThat(batched.get(5, TimeUnit.SECONDS)).isEqualTo(1L);
      assertThat(waiting)
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableThat()
          .havingRootCause()
          .isInstanceOf(JedisConnectionException.class)
          .withMessage("the Redis pipeline is closed");
      assertThatThrownBy(() -> pipeline.call(p -> p.exists("anything")))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessage("the Redis pipeline is closed");
    }
  }

  /** The name of the thread that read the answer of a request (a command whose reply is unused). */
  private static String answeredOn(RedisPipeline pipeline) {
    return pipeline.call(
        p -> {
          p.exists("anything");
          return () -> Thread.currentThread().getName();
        });
  }

  private static void awaitBatches(RedisPipeline pipeline, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (pipeline.batches() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(pipeline.batches()).isGreaterThanOrEqualTo(count);
  }

  private static RedisSettings settings(URI url, Duration timeout) {
    return new RedisSettings(url, 4, timeout);
  }
}
