package io.wxrelay.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The pipeline on a real Redis. A request is held on the wire with {@code BLPOP} on a key of the
 * test's own, released by an {@code LPUSH}: it blocks its connection only, not Redis.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(60)
class RedisPipelineIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void requestsQueuedWhileABatchIsOnTheWireGoTogetherAndEachGetsItsOwnAnswer(RedisEndpoint redis)
      throws Exception {
    String prefix = redis.uniquePrefix("pipeline");
    try (RedisClient client = RedisClients.create(settings(redis.url(), TIMEOUT));
        RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it", TIMEOUT);
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> alone = hold(threads, pipeline, prefix + "alone");
      awaitThat(() -> pipeline.batches() == 1);
      Future<?> batched = hold(threads, pipeline, prefix + "batched");
      awaitThat(() -> pipeline.batches() == 2 && pipeline.queued() == 0); // on the wire

      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        counts.add(threads.submit(() -> pipeline.call(p -> p.incr(prefix + "counter"))));
      }
      awaitThat(() -> pipeline.queued() == 200);
      client.lpush(prefix + "batched", "go");
      List<Long> answers = new ArrayList<>();
      for (Future<Long> count : counts) {
        answers.add(count.get());
      }
      client.lpush(prefix + "alone", "go");
      alone.get();
      batched.get();

      assertThat(answers).doesNotHaveDuplicates().hasSize(200).allMatch(n -> n >= 1 && n <= 200);
      assertThat(pipeline.batches()).isEqualTo(3); // the two held, then the 200 in one batch
      assertThat(client.get(prefix + "counter")).isEqualTo("200");
      client.del(prefix + "counter");
    }
  }

  @Test
  void aRequestRedisRefusesFailsAloneWithRedisOwnError(RedisEndpoint redis) {
    String key = redis.uniquePrefix("pipeline") + "text";
    try (RedisClient client = RedisClients.create(settings(redis.url(), TIMEOUT));
        RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it", TIMEOUT)) {
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
  void aLoneRequestGoesOnItsCallersThreadAndOneThatFindsABatchOnTheWireOnThePipelines(
      RedisEndpoint redis) throws Exception {
    String prefix = redis.uniquePrefix("pipeline");
    try (RedisClient client = RedisClients.create(settings(redis.url(), TIMEOUT));
        RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it", TIMEOUT);
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      assertThat(answeredOn(pipeline)).isEqualTo(Thread.currentThread().getName());

      Future<?> held = hold(threads, pipeline, prefix + "held");
      awaitThat(() -> pipeline.batches() == 2);
      assertThat(answeredOn(pipeline)).isEqualTo("pipeline-it");
      client.lpush(prefix + "held", "go");
      held.get();
    }
  }

  @Test
  void requestsBehindARedisThatNeverAnswersFailWithinTwiceTheTimeoutAndTheLateOnesAreNeverSent()
      throws Exception {
    Duration timeout = Duration.ofMillis(200);
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
      try (RedisClient client = RedisClients.create(settings(url, timeout));
          RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it", timeout);
          var threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
          calls.add(
              threads.submit(
                  () -> {
                    long start = System.nanoTime();
                    try {
                      pipeline.call(p -> p.get("anything"));
                    } catch (JedisConnectionException e) {
                      assertThat(RedisErrors.classify(e)).hasValue(RedisErrors.Reason.TIMEOUT);
                      return System.nanoTime() - start;
                    }
                    throw new AssertionError("Redis never answers");
                  }));
        }
        long slowest = 0;
        for (Future<Long> call : calls) {
          slowest = Math.max(slowest, call.get());
        }

        // Without the limit the last of them would wait for 12 batches of 512, one timeout each.
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
        assertThat(pipeline.batches()).isLessThanOrEqualTo(6);
      }
      silent.close();
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aClosedPipelineRefusesAtOnceAndAnswersWhatWasWaiting(RedisEndpoint redis) throws Exception {
    String prefix = redis.uniquePrefix("pipeline");
    try (RedisClient client = RedisClients.create(settings(redis.url(), TIMEOUT));
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      RedisPipeline pipeline = new RedisPipeline(client, "pipeline-it", TIMEOUT);
      Future<?> alone = hold(threads, pipeline, prefix + "alone");
      awaitThat(() -> pipeline.batches() == 1);
      Future<?> batched = hold(threads, pipeline, prefix + "batched");
      awaitThat(() -> pipeline.batches() == 2 && pipeline.queued() == 0);
      Future<Boolean> waiting = threads.submit(() -> pipeline.call(p -> p.exists("anything")));
      awaitThat(() -> pipeline.queued() == 1);

      pipeline.close();

      assertThatThrownBy(waiting::get)
          .cause()
          .isInstanceOf(JedisConnectionException.class)
          .hasMessage("the Redis pipeline is closed");
      assertThatThrownBy(() -> pipeline.call(p -> p.exists("anything")))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessage("the Redis pipeline is closed");
      client.lpush(prefix + "alone", "go");
      client.lpush(prefix + "batched", "go");
      alone.get(5, TimeUnit.SECONDS); // what was on the wire ends
      batched.get(5, TimeUnit.SECONDS);
    }
  }

  /** A request that stays on the wire until {@code key} gets an element (3 s at most). */
  private static Future<?> hold(ExecutorService threads, RedisPipeline pipeline, String key) {
    return threads.submit(() -> pipeline.call(p -> p.blpop(3, key)));
  }

  /** The name of the thread that read the answer of a request (a command whose reply is unused). */
  private static String answeredOn(RedisPipeline pipeline) {
    return pipeline.call(
        p -> {
          p.exists("anything");
          return () -> Thread.currentThread().getName();
        });
  }

  private static void awaitThat(BooleanSupplier condition) {
    await().atMost(Duration.ofSeconds(5)).until(condition::getAsBoolean);
  }

  private static RedisSettings settings(URI url, Duration timeout) {
    return new RedisSettings(url, 4, timeout);
  }
}
