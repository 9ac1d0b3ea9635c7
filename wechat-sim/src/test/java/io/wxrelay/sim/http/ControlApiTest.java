package io.wxrelay.sim.http;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.junit.CallbackReceiver;
import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.sim.junit.WeChatSimExtension;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The control API over HTTP, with the simulator started by its JUnit extension. */
class ControlApiTest {
  @RegisterExtension
  static final WeChatSimExtension SIM = new WeChatSimExtension(SimConfig.forTests());

  @Test
  void actsAsAUserAndReportsTheTruth(WeChatSim sim) {
    WeChatClient wechat = new WeChatClient(sim.baseUrl());
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      JsonNode app =
          put(
              wechat,
              "/sim/apps/" + DEFAULT_APPID + "/callback",
              "{\"url\":\"" + receiver.url() + "\",\"token\":\"t\"}");
      String user =
          wechat
              .get("/sim/apps/" + DEFAULT_APPID + "/users?limit=1")
              .path("openids")
              .get(0)
              .asString();
      JsonNode text =
          wechat.post(
              "/sim/apps/" + DEFAULT_APPID + "/users/" + user + "/text", "{\"content\":\"hi\"}");
      String token = wechat.token(DEFAULT_APPID, SimConfig.DEFAULT_SECRET);
      wechat.post(
          "/cgi-bin/message/custom/send?access_token=" + token,
          "{\"touser\":\"" + user + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"reply\"}}");

      assertThat(app.path("callbackUrl").asString()).isEqualTo(receiver.url());
      assertThat(text.path("pushId").asLong()).isPositive();
      await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
      assertThat(
              wechat.get("/sim/truth/calls").path("message/custom/send " + DEFAULT_APPID).asInt())
          .isEqualTo(1);
      assertThat(wechat.get("/sim/truth/tokens").path("cgi-bin/token " + DEFAULT_APPID).asInt())
          .isEqualTo(1);
      JsonNode deliveries =
          wechat.get("/sim/truth/deliveries?appid=" + DEFAULT_APPID + "&openid=" + user);
      assertThat(deliveries).hasSize(1);
      assertThat(deliveries.get(0).path("text").asString()).isEqualTo("reply");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  wechat
                      .get("/sim/truth/pushes/" + text.path("pushId").asLong())
                      .path("finished")
                      .asBoolean());
    }
  }

  @Test
  void setsAndClearsFaultsAndExplainsBadRequests(WeChatSim sim) {
    WeChatClient wechat = new WeChatClient(sim.baseUrl());

    JsonNode plans =
        put(
            wechat,
            "/sim/faults/message/custom/send",
            "rate=0.5; errors=-1,reset; latency=10ms..20ms");
    JsonNode bad = put(wechat, "/sim/faults/message/custom/send", "rate=7");

    assertThat(plans.path("message/custom/send").path("rate").asDouble()).isEqualTo(0.5);
    assertThat(bad.path("error").asString()).contains("between 0 and 1");
    assertThat(wechat.raw(HttpRequest.newBuilder(wechat.uri("/sim/faults")).DELETE()).statusCode())
        .isEqualTo(200);
    assertThat(sim.faults().plans()).isEmpty();
    assertThat(wechat.get("/sim/nothing").path("error").asString()).contains("no control route");
  }

  @Test
  void pacesManyNewcomersScanningOneTicketByItself(WeChatSim sim) {
    WeChatClient wechat = new WeChatClient(sim.baseUrl());
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      put(
          wechat,
          "/sim/apps/" + DEFAULT_APPID + "/callback",
          "{\"url\":\"" + receiver.url() + "\",\"token\":\"t\"}");

      JsonNode burst = wechat.post(SCANS, scansBody(qrTicket(wechat, "door"), "oPaced_", 20, 100));

      assertThat(burst.path("count").asInt()).isEqualTo(20);
      assertThat(burst.path("rate").asInt()).isEqualTo(100);
      assertThat(burst.path("firstAt").isMissingNode()).isFalse();
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 20);
      List<JsonNode> pushes = new ArrayList<>();
      wechat.get("/sim/truth/pushes").forEach(pushes::add);
      pushes.removeIf(push -> !push.path("openid").asString().startsWith("oPaced_"));
      assertThat(pushes)
          .extracting(push -> push.path("openid").asString())
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, 20).mapToObj(i -> "oPaced_" + i).toList());
      assertThat(receiver.received())
          .allSatisfy(
              push ->
                  assertThat(push.body())
                      .contains("<Event><![CDATA[subscribe]]></Event>")
                      .contains("<EventKey><![CDATA[qrscene_door]]></EventKey>"));
      // 20 scans at 100/s: scan i never before firstAt + i × 10 ms (the pacer may be late, never
      // early; 2 ms for the two clocks it reads)
      Instant first = WeChatClient.JSON.treeToValue(burst.path("firstAt"), Instant.class);
      assertThat(pushes)
          .allSatisfy(
              push -> {
                int i = Integer.parseInt(push.path("openid").asString().substring(7));
                Instant sent = WeChatClient.JSON.treeToValue(push.path("sentAt"), Instant.class);
                assertThat(sent).isAfterOrEqualTo(first.plusMillis(10L * i - 2));
              });
    }
  }

  @Test
  void refusesScansItCannotMakeOrThatWouldNotEnd(WeChatSim sim) {
    WeChatClient wechat = new WeChatClient(sim.baseUrl());
    String ticket = qrTicket(wechat, "gate");

    assertThat(error(wechat, scansBody("nope", "o", 1, 1))).contains("no live ticket");
    assertThat(error(wechat, scansBody(ticket, "o", 0, 1))).contains("count must be 1 to 100000");
    assertThat(error(wechat, scansBody(ticket, "o", 10, 9_000))).contains("rate must be 1 to 5000");
    assertThat(error(wechat, scansBody(ticket, "o", 100_000, 10))).contains("longer than 10 min");
    assertThat(error(wechat, scansBody(ticket, "o/x", 1, 1))).contains("openidPrefix");
    assertThat(
            error(
                wechat,
                "{\"ticket\":\""
                    + ticket
                    + "\",\"openidPrefix\":\"o\",\"count\":\"20\",\"rate\":1}"))
        .contains("count must be a whole number, not \"20\"");
    assertThat(error(wechat, "{\"ticket\":\"" + ticket + "\",\"openidPrefix\":\"o\",\"count\":1}"))
        .contains("rate must be a whole number, not missing");
  }

  private static final String SCANS = "/sim/apps/" + DEFAULT_APPID + "/scans";

  private static String qrTicket(WeChatClient wechat, String scene) {
    String token = wechat.token(DEFAULT_APPID, SimConfig.DEFAULT_SECRET);
    return wechat
        .post(
            "/cgi-bin/qrcode/create?access_token=" + token,
            "{\"action_name\":\"QR_STR_SCENE\",\"expire_seconds\":600,"
                + "\"action_info\":{\"scene\":{\"scene_str\":\""
                + scene
                + "\"}}}")
        .path("ticket")
        .asString();
  }

  private static String scansBody(String ticket, String prefix, int count, int rate) {
    return WeChatClient.JSON.writeValueAsString(
        Map.of("ticket", ticket, "openidPrefix", prefix, "count", count, "rate", rate));
  }

  /** The error of a control request the simulator refuses with 400. */
  private static String error(WeChatClient wechat, String body) {
    var response = wechat.raw(WeChatClient.post(wechat.uri(SCANS), body));
    assertThat(response.statusCode()).isEqualTo(400);
    return WeChatClient.JSON.readTree(response.body()).path("error").asString();
  }

  private static JsonNode put(WeChatClient wechat, String path, String body) {
    var response =
        wechat.raw(
            HttpRequest.newBuilder(wechat.uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    return WeChatClient.JSON.readTree(response.body());
  }
}
