package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.token.client.Ticket;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.token.client.TokenUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JS-SDK tickets held by two replicas on a real Redis, against the simulator's getticket. */
@ExtendWith(RealInfrastructure.class)
class TicketsIT {
  private static final String WEB_BEARER = "web-bearer-0123456789abcdef0123";
  private static final String PAGE = "https://shop.example/order/7?from=qr";
  private static final Duration LONG = Duration.ofHours(2);
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void twoReplicasFetchEachTicketOnce(RedisEndpoint redis) {
    try (TokenFixture f = new TokenFixture(redis, LONG, Duration.ofMinutes(5))) {
      f.replica("stable", Map.of("TOKEN_REPLICA_ID", "one", "TOKEN_TICKETS", "jsapi,wx_card"));
      f.replica("stable", Map.of("TOKEN_REPLICA_ID", "two", "TOKEN_TICKETS", "jsapi,wx_card"));
      TokenClient client = f.client(Duration.ofSeconds(5));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  client.readTicket(APPID, TicketType.JSAPI).isPresent()
                      && client.readTicket(APPID, TicketType.WX_CARD).isPresent());

      Ticket jsapi = client.ticket(APPID, TicketType.JSAPI);
      assertThat(jsapi.generation()).isEqualTo(1);
      assertThat(jsapi.toString()).doesNotContain(jsapi.value());
      assertThat(f.sim.truth().tokensIssued("ticket/jsapi", APPID)).isEqualTo(1);
      assertThat(f.sim.truth().tokensIssued("ticket/wx_card", APPID)).isEqualTo(1);
      assertThat(f.sim.truth().calls("ticket/getticket", APPID))
          .as("one call per type for both replicas")
          .isEqualTo(2);
    }
  }

  @Test
  void aReportedTicketIsFetchedAgainWithinTheForceBudgetOnly(RedisEndpoint redis) {
    try (TokenFixture f = new TokenFixture(redis, LONG, Duration.ofMinutes(5))) {
      f.replica(
          "stable",
          Map.of(
              "TOKEN_FORCE_DAILY_LIMIT",
              "1",
              "TOKEN_FORCE_MIN_INTERVAL",
              "1ms",
              "TOKEN_TICKETS",
              "jsapi"));
      TokenClient client = f.client(Duration.ofSeconds(3));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> client.readTicket(APPID, TicketType.JSAPI).isPresent());
      Ticket first = client.ticket(APPID, TicketType.JSAPI);

      Ticket second = client.reportTicketInvalid(APPID, TicketType.JSAPI, first.generation());
      assertThat(second.generation()).isEqualTo(first.generation() + 1);
      assertThat(second.value())
          .as("getticket hands out the same ticket while valid")
          .isEqualTo(first.value());
      assertThat(second.expiresAt())
          .as("and its expiry does not move")
          .isEqualTo(first.expiresAt());

      assertThatThrownBy(
              () -> client.reportTicketInvalid(APPID, TicketType.JSAPI, second.generation()))
          .as("the day's force budget of 1 is spent")
          .isInstanceOf(TokenUnavailableException.class)
          .hasMessageNotContaining(first.value());
      assertThat(client.readTicket(APPID, TicketType.JSAPI).orElseThrow().generation())
          .isEqualTo(second.generation());
      assertThat(f.sim.truth().calls("ticket/getticket", APPID))
          .as(
              "startup, a report (fetch and forced fetch), a report refused by the budget after one fetch")
          .isEqualTo(4);
    }
  }

  @Test
  void aSignatureFromTheEndpointPassesWxConfigAndATamperedOneDoesNot(RedisEndpoint redis)
      throws Exception {
    try (TokenFixture f = new TokenFixture(redis, LONG, Duration.ofMinutes(5))) {
      TokenService service = f.replica("stable", Map.of("TOKEN_API_CLIENTS_FILE", clientsFile()));
      String path = "/v1/apps/" + APPID + "/jssdk/signature";
      String request = "{\"url\":\"" + PAGE + "#pay\"}";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> call(service.apiPort(), path, request).statusCode() == 200);

      HttpResponse<String> answer = call(service.apiPort(), path, request);
      ObjectNode config = (ObjectNode) WeChatClient.JSON.readTree(answer.body());
      assertThat(config.propertyNames())
          .containsExactly("appId", "timestamp", "nonceStr", "signature");
      config.put("url", PAGE + "#pay");
      assertThat(wxConfig(f, config).path("errMsg").asString()).isEqualTo("config:ok");

      config.put("url", PAGE + "&coupon=1");
      assertThat(wxConfig(f, config).path("errMsg").asString())
          .isEqualTo("config:invalid signature");
      config.put("url", PAGE);
      config.put("timestamp", config.path("timestamp").asLong() + 1);
      assertThat(wxConfig(f, config).path("ok").asBoolean()).isFalse();
      assertThat(
              http.send(
                      get(service.apiPort(), "/v1/apps/" + APPID + "/token"),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .as("a client that signs may not read the token")
          .isEqualTo(403);
    }
  }

  private static JsonNode wxConfig(TokenFixture f, ObjectNode config) {
    return new WeChatClient(f.sim.baseUrl())
        .post("/sim/apps/" + APPID + "/jssdk/check", config.toString());
  }

  private String clientsFile() throws Exception {
    Files.writeString(dir.resolve("web-bearer"), WEB_BEARER + "\n");
    return Files.writeString(
            dir.resolve("clients.yml"),
            """
            clients:
              - name: shop-web
                bearerFile: web-bearer
                apps: [%s]
                invalidatePerHour: 0
                scopes: [sign]
            """
                .formatted(APPID))
        .toString();
  }

  private HttpResponse<String> call(int port, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + WEB_BEARER)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + WEB_BEARER)
        .build();
  }
}
