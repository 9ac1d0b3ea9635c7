package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.inbound.ScanEvent;
import io.wxrelay.worker.replies.ReplyRules;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event written by a newer gateway, with a field this worker does not know, is still handled:
 * the scan of a QR code with a reply gets its reply (docs/contracts.md, "Evolution").
 */
class NewerEventsTest {
  private final DispatchHarness h = new DispatchHarness();

  @Test
  void aScanWithAFieldANewerGatewayAddedIsStillAnswered() throws Exception {
    String scene = QrScene.of("door-7").asEventKey();
    h.correlations.rememberQrReply(
        APPID,
        scene,
        h.codec.mapper().writeValueAsString(CustomMessage.text("welcome")),
        Duration.ofMinutes(5));
    CloudEvent<ScanEvent> scan =
        CloudEvent.of(
            EventType.EVENT_SCAN,
            "evt-scan-1",
            "/wxrelay/callback-gateway",
            APPID,
            h.clock.instant(),
            new ScanEvent("gh_shop", "oUser1", 1_700_000_000L, scene, "ticket-1", false));
    ObjectNode newer = (ObjectNode) h.codec.mapper().readTree(h.codec.encode(scan));
    ((ObjectNode) newer.get("data")).put("deviceLanguage", "zh_CN");
    h.wechat.answers(0);

    h.reactor(ReplyRules.NONE)
        .handle(h.record(h.codec.mapper().writeValueAsBytes(newer), APPID + ":oUser1", Map.of()));

    assertThat(h.wechat.calls).extracting(c -> c.api()).containsExactly("message/custom/send");
    assertThat(h.onlyResult().commandId()).isEqualTo("qr-reply-evt-scan-1");
  }
}
