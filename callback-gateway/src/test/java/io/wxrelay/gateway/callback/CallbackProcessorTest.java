package io.wxrelay.gateway.callback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.gateway.metrics.GatewayMeters;
import io.wxrelay.gateway.publish.EventPublisher;
import io.wxrelay.gateway.store.DedupeStore;
import io.wxrelay.gateway.tracing.PushSpans;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.sim.push.PushCrypto;
import io.wxrelay.sim.push.PushXml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * WeChat's callback protocol without HTTP: the URL check, each refusal with its status and reason,
 * plaintext and encrypted pushes published to Kafka's {@link MockProducer}, WeChat's retries
 * acknowledged once, and a failed publish answered 503 so that WeChat tries again.
 */
class CallbackProcessorTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final String SAFE_APPID = "wx1111111111111111";
  private static final String COMPAT_APPID = "wx2222222222222222";
  private static final String TOKEN = "callback-token";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final String TIMESTAMP = Long.toString(NOW.getEpochSecond());

  private final ContractCodec codec = ContractCodec.create();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final MemoryDedupe dedupe = new MemoryDedupe();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CallbackProcessor processor = processor(true, dedupe, registry);

  /** A processor for the test's accounts, publishing to the test's producer. */
  private CallbackProcessor processor(
      boolean withDedupe, DedupeStore store, SimpleMeterRegistry meters) {
    return new CallbackProcessor(
        new CallbackSettings(
            Map.of(
                APPID, new GatewayApp(APPID, TOKEN, null, null, false),
                SAFE_APPID, new GatewayApp(SAFE_APPID, TOKEN, AES_KEY, null, true),
                COMPAT_APPID, new GatewayApp(COMPAT_APPID, TOKEN, AES_KEY, null, true)),
            "/test/gateway",
            Duration.ofMinutes(5),
            withDedupe,
            Duration.ofSeconds(2),
            Duration.ofMinutes(10)),
        new EventPublisher(producer, "wechat.events", codec),
        store,
        new GatewayMeters.Recorder(meters),
        Clock.fixed(NOW, ZoneOffset.UTC),
        PushSpans.off());
  }

  private static Map<String, String> signed(String timestamp) {
    Map<String, String> query = new HashMap<>();
    query.put("timestamp", timestamp);
    query.put("nonce", "n1");
    query.put("signature", PushCrypto.signature(TOKEN, timestamp, "n1"));
    return query;
  }

  private static byte[] textPush(long msgId) {
    return PushXml.of("gh_shop", "oUser1", NOW.getEpochSecond(), "text")
        .text("Content", "hello")
        .number("MsgId", msgId)
        .build()
        .getBytes(UTF_8);
  }

  private Reply post(String appid, Map<String, String> query, byte[] body) {
    CompletableFuture<Reply> reply = processor.handle("POST", appid, query, "text/xml", body);
    // Kafka acknowledges what is sent (on a thread of its own), until there is an answer.
    await().atMost(Duration.ofSeconds(2)).until(() -> reply.isDone() || acknowledged());
    return reply.join();
  }

  @Test
  void theUrlCheckEchoesEchostrWhenTheSignatureHolds() {
    Map<String, String> query = signed(TIMESTAMP);
    query.put("echostr", "4711");
    assertThat(processor.handle("GET", APPID, query, null, null).join())
        .isEqualTo(new Reply(200, "4711", null));

    query.put("signature", "0".repeat(40));
    assertThat(processor.handle("GET", APPID, query, null, null).join().status()).isEqualTo(401);
  }

  @Test
  void eachRefusalHasItsStatusAndReasonAndIsCounted() {
    assertThat(
            processor
                .handle("POST", "wx0000000000000000", signed(TIMESTAMP), "text/xml", textPush(1))
                .join())
        .isEqualTo(Reply.refused(404, "unknown_app"));
    assertThat(
            processor
                .handle("PUT", APPID, signed(TIMESTAMP), "text/xml", textPush(1))
                .join()
                .reason())
        .isEqualTo("bad_method");
    assertThat(
            processor
                .handle("POST", APPID, signed(TIMESTAMP), "application/json", textPush(1))
                .join())
        .isEqualTo(Reply.refused(415, "bad_content_type"));
    String stale = Long.toString(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
    assertThat(processor.handle("POST", APPID, signed(stale), "text/xml", textPush(1)).join())
        .isEqualTo(Reply.refused(400, "stale_timestamp"));
    assertThat(processor.handle("POST", APPID, Map.of(), "text/xml", textPush(1)).join())
        .isEqualTo(Reply.refused(401, "missing_signature"));
    assertThat(
            processor.handle("POST", SAFE_APPID, signed(TIMESTAMP), "text/xml", textPush(1)).join())
        .isEqualTo(Reply.refused(400, "plaintext_refused"));

    assertThat(producer.history()).isEmpty();
    assertThat(
            registry
                .find("wxrelay.gateway.rejections")
                .tag("reason", "stale_timestamp")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aDocumentWithADtdIsRefusedAndNothingIsPublished() {
    byte[] hostile =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Content>&e;</Content></xml>"
            .getBytes(UTF_8);
    Reply reply = processor.handle("POST", APPID, signed(TIMESTAMP), "text/xml", hostile).join();

    assertThat(reply.status()).isBetween(400, 499);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void aPlaintextPushIsPublishedUnderItsUsersKeyAndAnsweredSuccessOnceKafkaHasIt() {
    CompletableFuture<Reply> reply =
        processor.handle("POST", APPID, signed(TIMESTAMP), "text/xml", textPush(1001));
    assertThat(reply).as("not before Kafka's acknowledgement").isNotDone();
    await().atMost(Duration.ofSeconds(2)).until(this::acknowledged);

    assertThat(reply.join()).isEqualTo(Reply.SUCCESS);
    var record = producer.history().getFirst();
    assertThat(record.topic()).isEqualTo("wechat.events");
    assertThat(record.key()).isEqualTo(APPID + ":oUser1");
    assertThat(new String(record.headers().lastHeader("content-type").value(), UTF_8))
        .as("the CloudEvents Kafka binding's structured mode")
        .isEqualTo("application/cloudevents+json; charset=UTF-8");
    CloudEvent<?> event = codec.decode(record.value());
    assertThat(event.id()).isEqualTo("msg-1001");
    assertThat(event.type()).isEqualTo("wechat.message.text");
  }

  @Test
  void anEncryptedPushIsDecryptedWhenItsMsgSignatureHolds() {
    String encrypt = PushCrypto.encrypt(new String(textPush(1002), UTF_8), SAFE_APPID, AES_KEY);
    byte[] body =
        PushXml.of("gh_bank", null, 0, null).text("Encrypt", encrypt).build().getBytes(UTF_8);
    Map<String, String> query = signed(TIMESTAMP);
    query.put("encrypt_type", "aes");
    query.put("msg_signature", PushCrypto.signature(TOKEN, TIMESTAMP, "n1", encrypt));

    assertThat(post(SAFE_APPID, query, body)).isEqualTo(Reply.SUCCESS);
    assertThat(codec.decode(producer.history().getFirst().value()).id()).isEqualTo("msg-1002");

    query.put("msg_signature", "0".repeat(40));
    assertThat(post(SAFE_APPID, query, body)).isEqualTo(Reply.refused(401, "bad_msg_signature"));
  }

  @Test
  void aRetryOfAPublishedPushIsAcknowledgedWithoutPublishingItAgain() {
    assertThat(post(APPID, signed(TIMESTAMP), textPush(1003))).isEqualTo(Reply.SUCCESS);
    assertThat(post(APPID, signed(TIMESTAMP), textPush(1003))).isEqualTo(Reply.SUCCESS);

    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void withoutDedupeAPushIsPublishedAndLeavesNothingInTheStore() {
    MemoryDedupe store = new MemoryDedupe();
    CallbackProcessor withoutDedupe = processor(false, store, new SimpleMeterRegistry());

    CompletableFuture<Reply> reply =
        withoutDedupe.handle("POST", APPID, signed(TIMESTAMP), "text/xml", textPush(1010));
    await().atMost(Duration.ofSeconds(2)).until(() -> reply.isDone() || acknowledged());

    assertThat(reply.join()).isEqualTo(Reply.SUCCESS);
    assertThat(producer.history()).hasSize(1);
    assertThat(store.keys).as("no claim, and no mark no one would read").isEmpty();
    assertThat(store.signatures).isEmpty();
  }

  @Test
  void aPushWhosePublishFailsIs503AndItsRetryIsPublished() {
    CompletableFuture<Reply> first =
        processor.handle("POST", APPID, signed(TIMESTAMP), "text/xml", textPush(1004));
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () -> producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("none")));

    assertThat(first.join().status()).isEqualTo(503);
    assertThat(post(APPID, signed(TIMESTAMP), textPush(1004))).isEqualTo(Reply.SUCCESS);
  }

  @Test
  void aSignedQueryStringUsedAgainWithAnotherBodyIsRefusedAsAReplay() {
    assertThat(post(APPID, signed(TIMESTAMP), textPush(1007))).isEqualTo(Reply.SUCCESS);

    Reply forged = post(APPID, signed(TIMESTAMP), textPush(1008));

    assertThat(forged).isEqualTo(Reply.refused(401, "replayed_signature"));
    assertThat(producer.history()).hasSize(1);
    assertThat(dedupe.signatures.values()).as("remembered with its body's fingerprint").hasSize(1);
    assertThat(
            registry
                .find("wxrelay.gateway.rejections")
                .tag("reason", "replayed_signature")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aCompatModeAccountRefusesAPlaintextPushAsWeChatEncryptsEveryOne() {
    Reply reply =
        processor
            .handle("POST", COMPAT_APPID, signed(TIMESTAMP), "text/xml", textPush(1009))
            .join();

    assertThat(reply).isEqualTo(Reply.refused(400, "plaintext_refused"));
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void aRetryWhileTheFirstIsStillBeingPublishedIs503() {
    CompletableFuture<Reply> first =
        processor.handle("POST", APPID, signed(TIMESTAMP), "text/xml", textPush(1005));
    Reply second =
        processor.handle("POST", APPID, signed(TIMESTAMP), "text/xml", textPush(1005)).join();

    assertThat(second.status()).isEqualTo(503);
    await().atMost(Duration.ofSeconds(2)).until(this::acknowledged);
    assertThat(first.join()).isEqualTo(Reply.SUCCESS);
  }

  @Test
  void aSendAcknowledgedAfterTheAnswerWasDueIsNotPublishedAgainByTheRetry() {
    // Kafka is slow (a leader died): WeChat is answered 503 at the ack timeout (2 s), while the
    // producer goes on delivering, and the record lands afterwards.
    CompletableFuture<Reply> first =
        processor.handle("POST", APPID, signed(TIMESTAMP), "text/xml", textPush(1006));
    assertThat(first.join().status()).isEqualTo(503);
    assertThat(acknowledged()).as("the first send, acknowledged late").isTrue();

    // WeChat's retry finds the push done: acknowledged, not published a second time.
    assertThat(post(APPID, signed(TIMESTAMP), textPush(1006))).isEqualTo(Reply.SUCCESS);
    assertThat(producer.history()).hasSize(1);
  }

  /** Kafka acknowledges the oldest send not acknowledged yet; false when there is none. */
  private boolean acknowledged() {
    return producer.completeNext();
  }

  /** The dedupe store's rules in a map: pending until done or released, then done for good. */
  private static final class MemoryDedupe implements DedupeStore {
    private final Map<String, Claim> keys = new LinkedHashMap<>();
    private final Map<String, String> signatures = new LinkedHashMap<>();

    @Override
    public synchronized CompletableFuture<Claim> claim(
        String key, Duration pendingFor, SignatureUse use) {
      String body = signatures.putIfAbsent(use.key(), use.fingerprint());
      if (body != null && !body.equals(use.fingerprint())) {
        return CompletableFuture.completedFuture(Claim.REPLAYED);
      }
      Claim before = keys.putIfAbsent(key, Claim.PENDING);
      return CompletableFuture.completedFuture(
          before == null ? Claim.CLAIMED : before == Claim.DONE ? Claim.DONE : Claim.PENDING);
    }

    @Override
    public synchronized void done(String key, Duration window) {
      keys.put(key, Claim.DONE);
    }

    @Override
    public synchronized void release(String key) {
      keys.remove(key);
    }
  }
}
