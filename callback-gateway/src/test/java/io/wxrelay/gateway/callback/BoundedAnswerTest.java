package io.wxrelay.gateway.callback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.gateway.metrics.GatewayMeters;
import io.wxrelay.gateway.publish.EventPublisher;
import io.wxrelay.gateway.store.DedupeStore;
import io.wxrelay.gateway.tracing.PushSpans;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.sim.push.PushCrypto;
import io.wxrelay.sim.push.PushXml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * WeChat gives a push 5 s; the gateway answers within its ack timeout whatever Kafka and Redis do:
 * a Redis that does not answer costs the dedupe, not the answer; a Kafka client that blocks (no
 * metadata, a full buffer) costs a 503, and at most once the time it blocks of the thread that
 * completes everyone's dedupe claims (decision 0048).
 */
class BoundedAnswerTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final String TOKEN = "callback-token";
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final Duration ACK_TIMEOUT = Duration.ofMillis(800);

  private final CountDownLatch unblock = new CountDownLatch(1);

  @AfterEach
  void release() {
    unblock.countDown();
  }

  @Test
  void aRedisThatDoesNotAnswerCostsTheDedupeNotTheAnswer() throws Exception {
    MockProducer<String, byte[]> kafka =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    CallbackProcessor processor = processor(kafka, new HangingDedupe(new CompletableFuture<>()));

    long start = System.nanoTime();
    Reply reply = post(processor);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ACK_TIMEOUT);
    assertThat(kafka.history()).as("published without dedupe").hasSize(1);
  }

  @Test
  void aPushPublishedWhileRedisWasSlowIsStillMarkedDoneForWeChatsRetry() throws Exception {
    MockProducer<String, byte[]> kafka =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    List<String> done = new CopyOnWriteArrayList<>();
    DedupeStore slowRedis =
        new HangingDedupe(new CompletableFuture<>()) {
          @Override
          public void done(String key, Duration window) {
            done.add(key);
          }
        };

    assertThat(post(processor(kafka, slowRedis)).status()).isEqualTo(200);
    assertThat(done).as("the retry will find it done").containsExactly(APPID + ":msg-4711");
  }

  @Test
  void aKafkaClientThatBlocksFromTheStartIsAnswered503AndTheDedupeThreadGoesOn() throws Exception {
    CompletableFuture<DedupeStore.Claim> claim = new CompletableFuture<>();
    CallbackProcessor processor =
        processor(new BlockingProducer(unblock), new HangingDedupe(claim));

    long start = System.nanoTime();
    CompletableFuture<Reply> reply = processor.handle("POST", APPID, signed(), "text/xml", push());
    // Redis answers on the dedupe store's own thread: before Kafka acknowledged any send,
    // completing
    // the claim must not run the send there.
    long completing = System.nanoTime();
    claim.complete(DedupeStore.Claim.CLAIMED);
    assertThat(Duration.ofNanos(System.nanoTime() - completing))
        .as("the dedupe thread was not made to wait for Kafka")
        .isLessThan(Duration.ofMillis(200));

    assertThat(reply.get(5, TimeUnit.SECONDS).status()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ACK_TIMEOUT.plusMillis(500));
  }

  @Test
  void aKafkaClientThatBlocksOnlyAfterItAcknowledgedStillGetsEveryPushAnsweredOnTime()
      throws Exception {
    // Once Kafka acknowledged a send, a send runs on the dedupe store's thread, which has its claim
    // (decision 0048). Should the client block after all (a topic deleted under it), that thread
    // waits, but no answer does: a claim that times out is decided on the deadline wheel, and its
    // send gets a thread of its own.
    CompletableFuture<DedupeStore.Claim> second = new CompletableFuture<>();
    List<CompletableFuture<DedupeStore.Claim>> claims =
        List.of(
            CompletableFuture.completedFuture(DedupeStore.Claim.CLAIMED),
            second,
            new CompletableFuture<>());
    DedupeStore dedupe =
        new HangingDedupe(new CompletableFuture<>()) {
          private int next;

          @Override
          public synchronized CompletableFuture<Claim> claim(
              String key, Duration pendingFor, SignatureUse use) {
            return claims.get(next++);
          }

          @Override
          public boolean onItsThread() {
            return Thread.currentThread().getName().equals("redis-answers");
          }
        };
    BlockingProducer kafka = new BlockingProducer(unblock, 1);
    CallbackProcessor processor = processor(kafka, dedupe);
    assertThat(post(processor).status()).as("acknowledged").isEqualTo(200);

    long start = System.nanoTime();
    CompletableFuture<Reply> sentWhereClaimed =
        processor.handle("POST", APPID, signed(), "text/xml", push());
    CompletableFuture<Reply> claimTimedOut =
        processor.handle("POST", APPID, signed(), "text/xml", push());
    Thread.ofPlatform()
        .name("redis-answers")
        .start(() -> second.complete(DedupeStore.Claim.CLAIMED));

    assertThat(sentWhereClaimed.get(5, TimeUnit.SECONDS).status()).isEqualTo(503);
    assertThat(claimTimedOut.get(5, TimeUnit.SECONDS).status()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ACK_TIMEOUT.plusMillis(500));
    assertThat(kafka.senders)
        .as("the first on its own thread, then one where its claim came, one on its own again")
        .hasSize(3)
        .containsOnlyOnce("redis-answers");
  }

  @Test
  void aCommonPoolThatIsBusyDoesNotHoldTheAnswerBack() throws Exception {
    // An answer must not rely on the common pool's workers (JDK 25 ran CompletableFuture's own
    // timeouts there): with them blocked, it would wait as long as they do. The deadlines run on
    // a timer wheel's own thread (decision 0046).
    int workers = ForkJoinPool.commonPool().getParallelism();
    for (int i = 0; i < workers; i++) {
      ForkJoinPool.commonPool().execute(() -> awaitQuietly(unblock));
    }
    CallbackProcessor processor =
        processor(new BlockingProducer(unblock), new HangingDedupe(new CompletableFuture<>()));

    long start = System.nanoTime();
    Reply reply = post(processor);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ACK_TIMEOUT.plusMillis(500));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static CallbackProcessor processor(
      MockProducer<String, byte[]> kafka, DedupeStore dedupe) {
    return new CallbackProcessor(
        new CallbackSettings(
            Map.of(APPID, new GatewayApp(APPID, TOKEN, null, null, false)),
            "/test/gateway",
            Duration.ofMinutes(5),
            true,
            ACK_TIMEOUT,
            Duration.ofMinutes(10)),
        new EventPublisher(kafka, "wechat.events", ContractCodec.create()),
        dedupe,
        new GatewayMeters.Recorder(new SimpleMeterRegistry()),
        Clock.fixed(NOW, ZoneOffset.UTC),
        PushSpans.off());
  }

  private static Reply post(CallbackProcessor processor) throws Exception {
    return processor.handle("POST", APPID, signed(), "text/xml", push()).get(5, TimeUnit.SECONDS);
  }

  private static Map<String, String> signed() {
    String timestamp = Long.toString(NOW.getEpochSecond());
    return Map.of(
        "timestamp",
        timestamp,
        "nonce",
        "n1",
        "signature",
        PushCrypto.signature(TOKEN, timestamp, "n1"));
  }

  private static byte[] push() {
    return PushXml.of("gh_shop", "oUser1", NOW.getEpochSecond(), "text")
        .text("Content", "hello")
        .number("MsgId", 4711)
        .build()
        .getBytes(UTF_8);
  }

  /**
   * A dedupe store whose claims complete when {@code claim} does (never, if nobody completes it).
   */
  private static class HangingDedupe implements DedupeStore {
    private final CompletableFuture<Claim> claim;

    HangingDedupe(CompletableFuture<Claim> claim) {
      this.claim = claim;
    }

    @Override
    public CompletableFuture<Claim> claim(String key, Duration pendingFor, SignatureUse use) {
      return claim;
    }

    @Override
    public void done(String key, Duration window) {}

    @Override
    public void release(String key) {}
  }

  /**
   * A Kafka client whose send blocks, as it does for max.block.ms without metadata; after {@code
   * acknowledged} sends it acknowledged at once, if any.
   */
  private static final class BlockingProducer extends MockProducer<String, byte[]> {
    private final CountDownLatch unblock;
    private final AtomicInteger acknowledged;

    /** The name of each thread that sent, in order. */
    final List<String> senders = new CopyOnWriteArrayList<>();

    BlockingProducer(CountDownLatch unblock) {
      this(unblock, 0);
    }

    BlockingProducer(CountDownLatch unblock, int acknowledged) {
      super(acknowledged > 0, null, new StringSerializer(), new ByteArraySerializer());
      this.unblock = unblock;
      this.acknowledged = new AtomicInteger(acknowledged);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
      senders.add(Thread.currentThread().getName());
      if (acknowledged.getAndDecrement() <= 0) {
        awaitQuietly(unblock);
      }
      return super.send(record, callback);
    }
  }
}
