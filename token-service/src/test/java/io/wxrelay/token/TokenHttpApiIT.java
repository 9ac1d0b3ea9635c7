package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
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

/** The HTTP API for non-JVM readers, behind a bearer read from a file, on a real Redis. */
@ExtendWith(RealInfrastructure.class)
class TokenHttpApiIT {
  private static final String BEARER = "s3cr3t-bearer-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void servesTheCurrentTokenAndRefreshesAReportedGeneration(RedisEndpoint redis) throws Exception {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      TokenService service = f.replica("stable", Map.of("TOKEN_API_BEARER_FILE", bearerFile()));
      int port = service.apiPort();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  call(port, "GET", "/v1/apps/" + APPID + "/token", BEARER, null).statusCode()
                      == 200);

      JsonNode current = json(call(port, "GET", "/v1/apps/" + APPID + "/token", BEARER, null));
      HttpResponse<String> renewed =
          call(
              port,
              "POST",
              "/v1/apps/" + APPID + "/token/invalidate",
              BEARER,
              "{\"generation\":" + current.path("generation").asLong() + "}");

      assertThat(current.path("accessToken").asString()).startsWith("89_");
      assertThat(current.path("expiresIn").asLong()).isBetween(7000L, 7200L);
      assertThat(renewed.statusCode()).isEqualTo(200);
      assertThat(json(renewed).path("generation").asLong())
          .isEqualTo(current.path("generation").asLong() + 1);
      assertThat(
              call(port, "POST", "/v1/apps/" + APPID + "/token/invalidate", BEARER, "{}")
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void refusesWhatItShould(RedisEndpoint redis) throws Exception {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      TokenService service =
          f.replica(
              "stable",
              Map.of(
                  "TOKEN_API_BEARER_FILE",
                  bearerFile(),
                  "TOKEN_APPS",
                  APPID + ":wrong-secret-for-503:stable"));
      int port = service.apiPort();
      String path = "/v1/apps/" + APPID + "/token";

      assertThat(call(port, "GET", path, null, null).statusCode()).isEqualTo(401);
      assertThat(call(port, "GET", path, BEARER + "x", null).statusCode()).isEqualTo(401);
      assertThat(call(port, "GET", "/v1/apps/wx0000000000000000/token", BEARER, null).statusCode())
          .isEqualTo(404);
      HttpResponse<String> none = call(port, "GET", path, BEARER, null);
      assertThat(none.statusCode()).isEqualTo(503);
      assertThat(json(none).path("error").asString()).contains("no valid token");
      assertThat(call(port, "DELETE", path, BEARER, null).statusCode()).isEqualTo(405);
    }
  }

  @Test
  void theInvalidateBudgetOfAClientHoldsAcrossReplicas(RedisEndpoint redis) throws Exception {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      bearerFile();
      Path clients =
          Files.writeString(
              dir.resolve("clients.yml"),
              """
              clients:
                - name: shop-web
                  bearerFile: bearer
                  apps: [%s]
                  invalidatePerHour: 1
              """
                  .formatted(APPID));
      Map<String, String> env = Map.of("TOKEN_API_CLIENTS_FILE", clients.toString());
      int one = f.replica("stable", env).apiPort();
      TokenService other = f.replica("stable", env);
      String path = "/v1/apps/" + APPID + "/token";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> call(one, "GET", path, BEARER, null).statusCode() == 200);
      long generation = json(call(one, "GET", path, BEARER, null)).path("generation").asLong();

      HttpResponse<String> first =
          call(one, "POST", path + "/invalidate", BEARER, "{\"generation\":" + generation + "}");
      assertThat(first.statusCode()).isEqualTo(200);
      HttpResponse<String> second =
          call(
              other.apiPort(),
              "POST",
              path + "/invalidate",
              BEARER,
              "{\"generation\":" + json(first).path("generation").asLong() + "}");

      assertThat(second.statusCode()).as("the other replica shares the budget").isEqualTo(429);
      assertThat(second.headers().firstValue("Retry-After").map(Long::parseLong))
          .hasValueSatisfying(s -> assertThat(s).isBetween(3500L, 3600L));
      assertThat(invalidations(other.adminPort(), "limited")).isEqualTo(1);
      assertThat(invalidations(other.adminPort(), "accepted")).isZero();
    }
  }

  /** The other replica's count of invalidations of shop-web with {@code outcome}. */
  private static double invalidations(int adminPort, String outcome) {
    return Admin.get(adminPort, "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("wxrelay_token_api_invalidations_total{"))
        .filter(l -> l.contains("client=\"shop-web\"") && l.contains("outcome=\"" + outcome + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** The bearer in a file, as an operator writes it: with a newline. */
  private String bearerFile() throws Exception {
    return Files.writeString(dir.resolve("bearer"), BEARER + "\n").toString();
  }

  private HttpResponse<String> call(
      int port, String method, String path, String bearer, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return WeChatClient.JSON.readTree(response.body());
  }
}
