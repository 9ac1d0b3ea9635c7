package io.wxrelay.token.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.Ticket;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenUnavailableException;
import io.wxrelay.token.metrics.TokenMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link TokenHttpApi} on a free port over tokens held here (a generation per app, the next one
 * issued on report), an in-memory budget on a movable clock and a meter registry of its own; and
 * calls to it.
 */
final class ApiCalls implements AutoCloseable {
  static final JsonMapper JSON = ContractCodec.newMapper();

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final Map<String, Long> generations = new ConcurrentHashMap<>();
  final TokenHttpApi api;
  private final HttpClient http;
  private final String base;

  ApiCalls(ApiAccess access, Set<String> apps, HttpClient http) {
    apps.forEach(app -> generations.put(app, 1L));
    this.api =
        TokenHttpApi.start(
            new TokenHttpApi.Settings("127.0.0.1", 0, access, apps),
            new TokenHttpApi.Readers(
                new HeldTokens(), ApiCalls::ticket, EnumSet.allOf(TicketType.class)),
            new InMemoryInvalidateBudget(clock),
            new TokenMetrics(registry),
            JSON);
    this.http = http;
    this.base = (access.https() ? "https" : "http") + "://127.0.0.1:" + api.port();
  }

  HttpResponse<String> get(String appid, String bearer) throws Exception {
    return send("GET", "/v1/apps/" + appid + "/token", bearer, null);
  }

  HttpResponse<String> invalidate(String appid, String bearer, long generation) throws Exception {
    return send(
        "POST",
        "/v1/apps/" + appid + "/token/invalidate",
        bearer,
        "{\"generation\":" + generation + "}");
  }

  /** The JS-SDK signature of {@code body} (a JSON request) for {@code appid}. */
  HttpResponse<String> sign(String appid, String bearer, String body) throws Exception {
    return send("POST", "/v1/apps/" + appid + "/jssdk/signature", bearer, body);
  }

  /** The ticket every app holds here: "ticket-<appid>-<type>", generation 1, for an hour. */
  static Ticket ticket(String appid, TicketType type) {
    return new Ticket(
        appid, type, "ticket-" + appid + "-" + type.wire(), 1, Instant.now().plusSeconds(3600));
  }

  HttpResponse<String> send(String method, String path, String bearer, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
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

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** The count of {@code meter} with exactly these tags, 0 when never counted. */
  double count(String meter, String... tags) {
    var counter = registry.find(meter).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    api.close();
  }

  /** Tokens "token-<appid>-<generation>" valid for an hour. */
  private final class HeldTokens implements TokenReader {
    @Override
    public AccessToken current(String appid) {
      Long generation = generations.get(appid);
      if (generation == null) {
        throw new TokenUnavailableException("no valid token of " + appid);
      }
      return token(appid, generation);
    }

    @Override
    public AccessToken reportInvalid(String appid, long generation) {
      return token(appid, generations.compute(appid, (a, g) -> g == generation ? g + 1 : g));
    }

    private static AccessToken token(String appid, long generation) {
      return new AccessToken(
          appid, "token-" + appid + "-" + generation, generation, Instant.now().plusSeconds(3600));
    }
  }
}
