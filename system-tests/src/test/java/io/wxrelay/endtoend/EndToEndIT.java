package io.wxrelay.endtoend;

import static io.wxrelay.endtoend.InProcessRelay.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mission end to end on the whole relay ({@link InProcessRelay}): a QR code's scan answered, a
 * broadcast's finish push matched to its command.
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
    assertThat(finished.sentCount()).isEqualTo(100);
  }
}
