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

  private static JsonNode put(WeChatClient wechat, String path, String body) {
    var response =
        wechat.raw(
            HttpRequest.newBuilder(wechat.uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    return WeChatClient.JSON.readTree(response.body());
  }
}
