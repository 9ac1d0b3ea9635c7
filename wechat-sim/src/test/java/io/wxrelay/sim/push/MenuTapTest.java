package io.wxrelay.sim.push;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.junit.CallbackReceiver;
import io.wxrelay.sim.truth.PushRecord;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A user taps a button of the menu they see: WeChat's CLICK or VIEW push (§11.4). */
class MenuTapTest {
  private static final String MENU =
      "{\"button\":[{\"type\":\"click\",\"name\":\"Today\",\"key\":\"TODAY\"},"
          + "{\"name\":\"More\",\"sub_button\":[{\"type\":\"view\",\"name\":\"Site\","
          + "\"url\":\"https://example.com/\"}]}]}";

  private final CallbackReceiver receiver = new CallbackReceiver();
  private final SimFixture f = new SimFixture();

  @BeforeEach
  void plainCallback() {
    var app = f.sim.accounts().app(DEFAULT_APPID).orElseThrow();
    f.sim.accounts().update(app.withCallback(receiver.url(), "t", Mode.PLAIN, null));
    f.call("menu/create", MENU);
  }

  @AfterEach
  void stop() {
    f.close();
    receiver.close();
  }

  @Test
  void aClickButtonPushesClickWithItsKey() throws Exception {
    JsonNode answer = f.wechat.tapMenu(DEFAULT_APPID, f.user(0), "Today");

    PushRecord push = done(answer.path("pushId").asLong());
    assertThat(push.kind()).isEqualTo("event:CLICK");
    assertThat(receiver.received().getFirst().body())
        .contains("<Event><![CDATA[CLICK]]></Event>")
        .contains("<EventKey><![CDATA[TODAY]]></EventKey>");
  }

  @Test
  void aViewButtonPushesViewWithItsUrlAndTheMenusId() throws Exception {
    long menuid = f.call("menu/get", "").at("/menu/menuid").asLong();
    long pushId =
        f.wechat
            .post(
                "/sim/apps/" + DEFAULT_APPID + "/users/" + f.user(0) + "/tap", "{\"path\":\"1/0\"}")
            .path("pushId")
            .asLong();

    assertThat(done(pushId).kind()).isEqualTo("event:VIEW");
    assertThat(receiver.received().getFirst().body())
        .contains("<EventKey><![CDATA[https://example.com/]]></EventKey>")
        .contains("<MenuId>" + menuid + "</MenuId>");
  }

  @Test
  void aButtonNotOnTheUsersMenuIsRefused() {
    var answer =
        f.wechat.raw(
            io.wxrelay.sim.junit.WeChatClient.post(
                f.wechat.uri("/sim/apps/" + DEFAULT_APPID + "/users/" + f.user(0) + "/tap"),
                "{\"name\":\"Nowhere\"}"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(f.wechat.tapMenu(DEFAULT_APPID, f.user(0), "More").path("error").asString())
        .contains("opens a sub-menu");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void theRawClickByKeyStillWorks() throws Exception {
    assertThat(done(f.sim.users().click(DEFAULT_APPID, f.user(0), "ANY")).kind())
        .isEqualTo("event:CLICK");
  }

  private PushRecord done(long pushId) throws Exception {
    return f.sim.pushes().whenDone(pushId).get(10, TimeUnit.SECONDS);
  }
}
