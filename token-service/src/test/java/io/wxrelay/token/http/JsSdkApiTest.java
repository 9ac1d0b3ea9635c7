package io.wxrelay.token.http;

import static io.wxrelay.token.http.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.jssdk.JsSdkSignature;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ticket routes: a sign-only client signs and sees neither token nor ticket. */
class JsSdkApiTest {
  private static final String SHOP = "wx5823bf96d3bd56c7";
  private static final String WEB_BEARER = "shop-web-bearer-0123456789abcdef";
  private static final String OPS_BEARER = "ops-bearer-00112233445566778899";
  private static final String OLD_BEARER = "old-bearer-fedcba9876543210abcd";
  private static final String PAGE = "https://shop.example/order/7?from=qr";

  private ApiCalls calls;

  @BeforeEach
  void start() {
    ApiClients clients =
        new ApiClients(
            List.of(
                new ApiClient(
                    "web",
                    Bearers.sha256(WEB_BEARER),
                    Set.of(SHOP),
                    false,
                    0,
                    EnumSet.of(Scope.SIGN)),
                new ApiClient(
                    "ops",
                    Bearers.sha256(OPS_BEARER),
                    Set.of(),
                    true,
                    1,
                    EnumSet.allOf(Scope.class)),
                new ApiClient("old", Bearers.sha256(OLD_BEARER), Set.of(SHOP), false, 1)));
    calls = new ApiCalls(new ApiAccess(clients, null), Set.of(SHOP), HttpClient.newHttpClient());
  }

  @AfterEach
  void stop() {
    calls.close();
  }

  @Test
  void aSignatureIsWeChatsOfTheHeldTicketForTheGivenValues() throws Exception {
    var answer =
        calls.sign(
            SHOP,
            WEB_BEARER,
            "{\"url\":\"" + PAGE + "#top\",\"noncestr\":\"abc123\",\"timestamp\":1414587457}");
    assertThat(answer.statusCode()).isEqualTo(200);
    var body = json(answer);
    assertThat(body.path("appId").asString()).isEqualTo(SHOP);
    assertThat(body.path("nonceStr").asString()).isEqualTo("abc123");
    assertThat(body.path("timestamp").asLong()).isEqualTo(1414587457L);
    String ticket = ApiCalls.ticket(SHOP, TicketType.JSAPI).value();
    assertThat(body.path("signature").asString())
        .isEqualTo(JsSdkSignature.sign(ticket, "abc123", 1414587457L, PAGE));
    assertThat(answer.body()).doesNotContain(ticket).doesNotContain("token-");
  }

  @Test
  void aMissingNonceAndTimestampAreMadeHere() throws Exception {
    long before = Instant.now().getEpochSecond();
    var body = json(calls.sign(SHOP, WEB_BEARER, "{\"url\":\"" + PAGE + "\"}"));
    assertThat(body.path("nonceStr").asString()).matches("[A-Za-z0-9]{16}");
    assertThat(body.path("timestamp").asLong()).isBetween(before, before + 5);
    String ticket = ApiCalls.ticket(SHOP, TicketType.JSAPI).value();
    assertThat(body.path("signature").asString())
        .isEqualTo(
            JsSdkSignature.sign(
                ticket, body.path("nonceStr").asString(), body.path("timestamp").asLong(), PAGE));
  }

  @Test
  void badRequestsSayWhatIsWrongInOneSentence() throws Exception {
    assertThat(json(calls.sign(SHOP, WEB_BEARER, "{}")).path("error").asString()).contains("url");
    assertThat(calls.sign(SHOP, WEB_BEARER, "{\"url\":\"ftp://x\"}").statusCode()).isEqualTo(400);
    assertThat(calls.sign(SHOP, WEB_BEARER, "not json").statusCode()).isEqualTo(400);
    var nonce = calls.sign(SHOP, WEB_BEARER, "{\"url\":\"" + PAGE + "\",\"noncestr\":\"a b\"}");
    assertThat(json(nonce).path("error").asString()).contains("noncestr");
    var time = calls.sign(SHOP, WEB_BEARER, "{\"url\":\"" + PAGE + "\",\"timestamp\":\"soon\"}");
    assertThat(json(time).path("error").asString()).contains("timestamp");
  }

  @Test
  void aSignOnlyClientReadsNeitherTokenNorTicket() throws Exception {
    assertThat(calls.get(SHOP, WEB_BEARER).statusCode()).isEqualTo(403);
    var ticket = calls.send("GET", "/v1/apps/" + SHOP + "/tickets/jsapi", WEB_BEARER, null);
    assertThat(ticket.statusCode()).isEqualTo(403);
    assertThat(ticket.body()).doesNotContain("ticket-");
    assertThat(calls.count("wxrelay.token.api.denials", "client", "web", "status", "403"))
        .isEqualTo(2);
  }

  @Test
  void aClientOfTheTokenScopeOnlyMayNotSign() throws Exception {
    assertThat(calls.get(SHOP, OLD_BEARER).statusCode()).isEqualTo(200);
    assertThat(calls.sign(SHOP, OLD_BEARER, "{\"url\":\"" + PAGE + "\"}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void aTicketClientReadsTheTicketsByType() throws Exception {
    var jsapi = calls.send("GET", "/v1/apps/" + SHOP + "/tickets/jsapi", OPS_BEARER, null);
    assertThat(jsapi.statusCode()).isEqualTo(200);
    assertThat(json(jsapi).path("ticket").asString()).isEqualTo("ticket-" + SHOP + "-jsapi");
    assertThat(json(jsapi).path("generation").asLong()).isEqualTo(1);
    var card = calls.send("GET", "/v1/apps/" + SHOP + "/tickets/wx_card", OPS_BEARER, null);
    assertThat(json(card).path("type").asString()).isEqualTo("wx_card");
    var unknown = calls.send("GET", "/v1/apps/" + SHOP + "/tickets/other", OPS_BEARER, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
  }
}
