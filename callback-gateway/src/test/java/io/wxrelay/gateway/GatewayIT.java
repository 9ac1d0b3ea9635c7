package io.wxrelay.gateway;

import static io.wxrelay.gateway.GatewayFixture.APPID;
import static io.wxrelay.gateway.GatewayFixture.TOKEN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.gateway.crypto.Signatures;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.inbound.ScanEvent;
import io.wxrelay.schemas.inbound.SubscribeEvent;
import io.wxrelay.schemas.inbound.TextMessage;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.junit.CallbackReceiver;
import io.wxrelay.sim.push.PushXml;
import io.wxrelay.sim.truth.PushRecord;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** wechat-sim pushes through the gateway onto the real broker, in every mode. */
@ExtendWith(RealInfrastructure.class)
class GatewayIT {

  @ParameterizedTest(name = "{0} mode")
  @ValueSource(strings = {"plain", "compat", "safe"})
  void pushesBecomeEventsOnKafkaOnlyAfterTheBrokerHasThem(
      String mode, KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    try (GatewayFixture f = new GatewayFixture(kafka, redis, mode, Map.of())) {
      String ticket =
          f.sim.tickets().create(APPID, "store-42", Instant.now().plusSeconds(600)).ticket();
      String user = f.sim.accounts().population(APPID).openids(1).getFirst();

      List<PushRecord> pushes =
          List.of(
              done(f, f.sim.users().scan(APPID, "oNewcomer01", ticket)),
              done(f, f.sim.users().scan(APPID, "oNewcomer01", ticket)),
              done(f, f.sim.users().text(APPID, user, "opening hours?")));

      assertThat(pushes)
          .allSatisfy(
              p -> assertThat(p.attempts()).singleElement().asString().startsWith("200 success"));
      List<CloudEvent<?>> events = f.events(3);
      assertThat(events).hasSize(3);
      assertThat(events.stream().map(CloudEvent::data))
          .anySatisfy(
              d ->
                  assertThat(d)
                      .isInstanceOfSatisfying(
                          SubscribeEvent.class, s -> assertThat(s.scene()).isEqualTo("store-42")))
          .anySatisfy(
              d ->
                  assertThat(d)
                      .isInstanceOfSatisfying(
                          ScanEvent.class, s -> assertThat(s.scene()).isEqualTo("store-42")))
          .anySatisfy(
              d ->
                  assertThat(d)
                      .isInstanceOfSatisfying(
                          TextMessage.class,
                          t -> assertThat(t.content()).isEqualTo("opening hours?")));
    }
  }

  @Test
  void aPushWeChatRetriesIsPublishedOnce(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    try (GatewayFixture f = new GatewayFixture(kafka, redis, "safe", Map.of());
        CallbackReceiver capture = new CallbackReceiver()) {
      var app = f.sim.accounts().app(APPID).orElseThrow();
      f.sim
          .accounts()
          .update(app.withCallback(capture.url(), TOKEN, Mode.SAFE, GatewayFixture.KEY));
      String ticket =
          f.sim.tickets().create(APPID, "door", Instant.now().plusSeconds(600)).ticket();
      done(f, f.sim.users().scan(APPID, "oRetried001", ticket));
      CallbackReceiver.Received push = capture.received().getFirst();

      for (int attempt = 0;
          attempt < 4;
          attempt++) { // the first delivery and WeChat's three retries
        var answer = f.post(push.query(), "text/xml", push.body().getBytes(UTF_8));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("success");
      }

      List<CloudEvent<?>> events = f.events(1);
      assertThat(events).hasSize(1);
      assertThat(((SubscribeEvent) events.getFirst().data()).openid()).isEqualTo("oRetried001");
    }
  }

  @Test
  void aCapturedPlainModeQueryStringCarriesItsOwnBodyOnlyAndNoOther(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    // In plain mode the signature covers (token, timestamp, nonce), not the body: a query string
    // from a proxy's access log used to carry any body for the whole timestamp window.
    try (GatewayFixture f = new GatewayFixture(kafka, redis, "plain", Map.of())) {
      long now = Instant.now().getEpochSecond();
      String ts = Long.toString(now);
      String query =
          "signature="
              + Signatures.sha1Sorted(TOKEN, ts, "271828")
              + "&timestamp="
              + ts
              + "&nonce=271828";
      byte[] real = text("oCaptured01", "where is my order?", now, now * 10);
      byte[] forged = text("oVictim0001", "unsubscribe me", now, now * 10 + 1);

      var first = f.post(query, "text/xml", real);
      var retry = f.post(query, "text/xml", real);
      var replay = f.post(query, "text/xml", forged);

      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(retry.statusCode()).as("WeChat's retry, same body").isEqualTo(200);
      assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
      assertThat(replay.body()).contains("replayed_signature");
      assertThat(f.events(1))
          .singleElement()
          .satisfies(e -> assertThat(e.data()).isInstanceOf(TextMessage.class));
      assertThat(
              Admin.metric(
                  f.gateway.adminPort(),
                  "wxrelay_gateway_rejections_total{reason=\"replayed_signature\""))
          .isEqualTo(1);
    }
  }

  private static byte[] text(String openid, String content, long createTime, long msgId) {
    return PushXml.of("gh_shop", openid, createTime, "text")
        .text("Content", content)
        .number("MsgId", msgId)
        .build()
        .getBytes(UTF_8);
  }

  @Test
  void theBenchmarksFloorPublishesItsBodyAsItIsOnlyWhenTheBareEndpointIsOn(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    byte[] body = "<xml>the floor</xml>".getBytes(UTF_8);
    try (GatewayFixture off = new GatewayFixture(kafka, redis, "plain", Map.of())) {
      assertThat(off.send(bench(off, "/bench/publish", body)).statusCode()).isEqualTo(404);
      assertThat(off.records(0)).isEmpty();
    }
    try (GatewayFixture on =
        new GatewayFixture(kafka, redis, "plain", Map.of("GATEWAY_BARE_ENDPOINT", "true"))) {
      var success = on.send(bench(on, "/bench/success", body));
      var get = on.send(bench(on, "/bench/publish", body).GET());
      var published = on.send(bench(on, "/bench/publish", body));

      assertThat(get.statusCode()).as("only a POST publishes").isEqualTo(405);

      assertThat(List.of(success.statusCode(), published.statusCode())).containsOnly(200);
      assertThat(published.body()).isEqualTo("success");
      assertThat(on.records(1))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).matches("bench:o\\d+");
                assertThat(r.value()).isEqualTo(body);
              });
    }
  }

  private static HttpRequest.Builder bench(GatewayFixture f, String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(f.url().replace("/wechat/" + APPID, path)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  @Test
  void theUrlCheckEchoesEchostrOnlyWithAGoodSignature(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    try (GatewayFixture f = new GatewayFixture(kafka, redis, "plain", Map.of())) {
      String ts = Long.toString(Instant.now().getEpochSecond());
      String good =
          "signature="
              + Signatures.sha1Sorted(TOKEN, ts, "1514711492")
              + "&timestamp="
              + ts
              + "&nonce=1514711492&echostr=4375120948345356249";

      var ok = f.send(HttpRequest.newBuilder(URI.create(f.url() + "?" + good)).GET());
      var bad =
          f.send(
              HttpRequest.newBuilder(
                      URI.create(f.url() + "?" + good.replace("signature=", "signature=0")))
                  .GET());

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("4375120948345356249");
      assertThat(bad.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void withNoBrokerReachableTheGatewayAnswers503AndAcknowledgesNothing(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    Map<String, String> deadBroker =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
            "GATEWAY_CREATE_TOPICS", "false",
            "GATEWAY_ACK_TIMEOUT", "2s",
            "KAFKA_CLIENT_MAX_BLOCK_MS", "1500",
            "KAFKA_CLIENT_DELIVERY_TIMEOUT_MS", "1900",
            "KAFKA_CLIENT_REQUEST_TIMEOUT_MS", "1000");
    try (GatewayFixture f = new GatewayFixture(kafka, redis, "plain", deadBroker)) {
      long start = System.nanoTime();
      PushRecord push = done(f, f.sim.users().follow(APPID, "oNobroker01"));

      assertThat(push.acknowledged()).isFalse();
      assertThat(push.attempts()).allSatisfy(a -> assertThat(a).startsWith("503"));
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
          .as("each answer well under 5 s")
          .isLessThan(4 * 4);
    }
  }

  private static PushRecord done(GatewayFixture f, long pushId) throws Exception {
    return f.sim.pushes().whenDone(pushId).get(30, TimeUnit.SECONDS);
  }
}
