package io.wxrelay.endtoend;

import static io.wxrelay.endtoend.InProcessRelay.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.schemas.command.PublishSubmit;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.sim.truth.Publication;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mission end to end on the whole relay ({@link InProcessRelay}): a QR code's scan answered
 * (also with a link of the scanner's own), a broadcast's finish push matched to its command, a
 * draft made from inline articles and published, its finish joined to its command.
 */
@ExtendWith(RealInfrastructure.class)
class EndToEndIT {
  private static InProcessRelay relay;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    relay = new InProcessRelay(kafka, redis, Map.of());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    relay.close();
  }

  @Test
  void aNewcomerWhoScansAQrCodeFollowsAndGetsItsReply() throws Exception {
    String id = "e2e-qr-" + UUID.randomUUID();
    String reply = "Welcome, " + id;
    relay.send(
        EventType.QRCODE_CREATE,
        id,
        new QrCodeCreate(QrScene.of("e2e-" + id), 600, null, CustomMessage.text(reply)));
    CommandResult created = relay.result(id);
    assertThat(created.status()).isEqualTo(CommandResult.Status.SUCCEEDED);

    Newcomers.scanAndExpectReply(relay.sim, APPID, created, reply);
  }

  @Test
  void aQrReplyLinksEachScannerToTheirOwnOrderPage() throws Exception {
    String id = "e2e-order-qr-" + UUID.randomUUID();
    String scene = "order-" + id.substring(id.length() - 8);
    CustomMessage reply =
        InProcessRelay.CODEC
            .mapper()
            .readValue(
                """
                {"msgtype": "news", "news": {"articles": [{"title": "Your order {scene}",
                 "description": "Tap to see it", "picurl": "https://shop.example/logo.png",
                 "url": "https://shop.example/orders/{scene}?openid={openid}"}]}}""",
                CustomMessage.class);
    relay.send(EventType.QRCODE_CREATE, id, new QrCodeCreate(QrScene.of(scene), 600, null, reply));
    CommandResult created = relay.result(id);
    assertThat(created.status()).isEqualTo(CommandResult.Status.SUCCEEDED);

    for (String user : List.of("oBuyerOne" + scene, "oBuyerTwo" + scene)) {
      relay.sim.users().scan(APPID, user, (String) created.response().get("ticket"));
      String own =
          "news:Your order " + scene + " https://shop.example/orders/" + scene + "?openid=" + user;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !relay.sim.truth().deliveries(d -> own.equals(d.text())).isEmpty());
      assertThat(relay.sim.truth().deliveries(d -> own.equals(d.text())))
          .singleElement()
          .satisfies(d -> assertThat(d.openid()).isEqualTo(user));
    }
  }

  @Test
  void aBroadcastsFinishPushIsMatchedToItsCommand() throws Exception {
    String id = "e2e-mass-" + UUID.randomUUID();
    relay.send(
        EventType.MASS_SENDALL,
        id,
        new MassSendAll(MassSendAll.Filter.all(), MassMessage.text(id), null));
    CommandResult sent = relay.result(id);
    assertThat(sent.status()).isEqualTo(CommandResult.Status.SUCCEEDED);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !relay.published(id, MassFinished.class).isEmpty());
    MassFinished finished = relay.published(id, MassFinished.class).getFirst();
    assertThat(finished.msgId()).isEqualTo(sent.chunks().getFirst().msgId());
    assertThat(finished.succeeded()).isTrue();
    // Every follower: the 100 the account starts with, and whoever a scan made one meanwhile.
    assertThat(finished.sentCount()).isGreaterThanOrEqualTo(100).isEqualTo(finished.totalCount());
  }

  @Test
  void aDraftPublishedThroughKafkaHasItsFinishJoinedWithTheArticleUrls() throws Exception {
    String id = "e2e-publish-" + UUID.randomUUID();
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
    var thumb =
        new MediaUpload.MediaFile(null, Base64.getEncoder().encodeToString(jpeg), "t.jpg", null);
    var article = new InlineArticle(id, thumb, "wxrelay", null, null, "<p>Soups</p>", null, 0, 0);
    relay.send(EventType.PUBLISH_SUBMIT, id, new PublishSubmit(null, List.of(article)));
    CommandResult submitted = relay.result(id);
    assertThat(submitted.status()).as(submitted.reason()).isEqualTo(CommandResult.Status.SUCCEEDED);
    String publishId = (String) submitted.response().get("publish_id");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !relay.published(id, PublishFinished.class).isEmpty());
    PublishFinished finished = relay.published(id, PublishFinished.class).getFirst();
    Publication truth =
        relay.sim.truth().publications(APPID).stream()
            .filter(p -> Long.toString(p.publishId()).equals(publishId))
            .findFirst()
            .orElseThrow();
    assertThat(finished.publishId()).isEqualTo(publishId);
    assertThat(finished.succeeded()).isTrue();
    assertThat(finished.status()).isEqualTo("success");
    assertThat(finished.articleId()).isEqualTo(truth.articleId());
    assertThat(finished.articleUrls()).isEqualTo(truth.articleUrls()).hasSize(1);
    assertThat(finished.eventId()).isEqualTo("publish-" + publishId);
  }
}
