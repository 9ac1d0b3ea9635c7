package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimFixture;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** getticket as WeChat answers it, and the wx.config check of a page's signature. */
class TicketApiTest {
  private static final String PAGE = "https://shop.example/order/7?from=qr";
  private final SimFixture f = new SimFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  private JsonNode get(String type) {
    return f.wechat.get("/cgi-bin/ticket/getticket?access_token=" + f.token + "&type=" + type);
  }

  @Test
  void theSameTicketWhileValidWithTheFullLifetimeAndOneIssueCounted() {
    JsonNode first = get("jsapi");
    assertThat(errcode(first)).isZero();
    assertThat(first.path("errmsg").asString()).isEqualTo("ok");
    assertThat(first.path("expires_in").asLong()).isEqualTo(7200);
    f.clock.advance(Duration.ofHours(1));
    JsonNode again = get("jsapi");
    assertThat(again.path("ticket").asString()).isEqualTo(first.path("ticket").asString());
    assertThat(again.path("expires_in").asLong()).as("not the time left").isEqualTo(7200);
    assertThat(get("wx_card").path("ticket").asString())
        .isNotEqualTo(first.path("ticket").asString());
    assertThat(f.sim.truth().tokensIssued("ticket/jsapi", DEFAULT_APPID)).isEqualTo(1);
    assertThat(f.sim.truth().tokensIssued("ticket/wx_card", DEFAULT_APPID)).isEqualTo(1);
    assertThat(f.sim.truth().calls("ticket/getticket", DEFAULT_APPID)).isEqualTo(3);
  }

  @Test
  void aNewTicketInTheLastMinutesAndTheOldOneStillSigns() {
    String old = get("jsapi").path("ticket").asString();
    f.clock.advance(Duration.ofMinutes(118)); // inside the renewal window, old still valid
    String fresh = get("jsapi").path("ticket").asString();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(check(sign(old, "n1", 1, PAGE), "n1", 1, PAGE).path("ok").asBoolean()).isTrue();
    assertThat(check(sign(fresh, "n1", 1, PAGE), "n1", 1, PAGE).path("ok").asBoolean()).isTrue();
  }

  @Test
  void aStaleTokenAndABadTypeAndTheQuotaAreWeChatsErrors() {
    assertThat(errcode(f.wechat.get("/cgi-bin/ticket/getticket?access_token=nope&type=jsapi")))
        .isEqualTo(40001);
    assertThat(errcode(get("other"))).isEqualTo(40097);
    f.wechat.put("/sim/apps/" + DEFAULT_APPID + "/tickets/quota", "{\"daily\":1}");
    assertThat(errcode(get("jsapi"))).isZero();
    assertThat(errcode(get("jsapi"))).as("every call counts, issued or not").isEqualTo(45009);
  }

  @Test
  void wxConfigAcceptsTheSignatureOfTheValidTicketAndRefusesATamperedOne() {
    String ticket = get("jsapi").path("ticket").asString();
    String signature = sign(ticket, "Wm3WZYTPz0wzccnW", 1414587457L, PAGE);
    assertThat(
            check(signature, "Wm3WZYTPz0wzccnW", 1414587457L, PAGE + "#top").path("ok").asBoolean())
        .as("the fragment is not part of the signed url")
        .isTrue();
    JsonNode tampered = check(signature, "Wm3WZYTPz0wzccnW", 1414587458L, PAGE);
    assertThat(tampered.path("ok").asBoolean()).isFalse();
    assertThat(tampered.path("errMsg").asString()).isEqualTo("config:invalid signature");
    assertThat(
            check(signature, "Wm3WZYTPz0wzccnW", 1414587457L, PAGE + "&x=1").path("ok").asBoolean())
        .isFalse();
  }

  private JsonNode check(String signature, String nonce, long timestamp, String url) {
    return f.wechat.post(
        "/sim/apps/" + DEFAULT_APPID + "/jssdk/check",
        String.format(
            "{\"appId\":\"%s\",\"url\":\"%s\",\"timestamp\":%d,\"nonceStr\":\"%s\",\"signature\":\"%s\"}",
            DEFAULT_APPID, url, timestamp, nonce, signature));
  }

  /** WeChat's algorithm, written out again here so the check is tested against it. */
  private static String sign(String ticket, String nonce, long timestamp, String url) {
    try {
      String string1 =
          "jsapi_ticket="
              + ticket
              + "&noncestr="
              + nonce
              + "&timestamp="
              + timestamp
              + "&url="
              + url;
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(string1.getBytes(UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
