package io.wxrelay.token.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenUnavailableException;
import io.wxrelay.token.metrics.TokenMetrics;
import io.wxrelay.token.store.InvalidateBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens for readers that cannot embed the Java client, over HTTP or HTTPS ({@link ApiAccess}).
 * Each client presents its own bearer ({@code Authorization: Bearer <token>}) and may use only its
 * apps:
 *
 * <ul>
 *   <li>{@code GET /v1/apps/{appid}/token} → the current token (503 none yet)
 *   <li>{@code POST /v1/apps/{appid}/token/invalidate} with {@code {"generation": n}} → a token of
 *       another generation once token-service has refreshed (503 if none comes in time); at most
 *       the client's budget per hour (429 with Retry-After beyond it, 403 for a client without)
 *   <li>the ticket routes of {@link JsSdkRoutes}: {@code GET /v1/apps/{appid}/tickets/{type}} and
 *       {@code POST /v1/apps/{appid}/jssdk/signature}
 * </ul>
 *
 * Each route needs its {@link Scope} (403 without). 401 without a known bearer. An app outside a
 * client's scope is 403 whether token-service serves it or not, so a client learns nothing about
 * other apps; a client of every app gets 404 for one token-service does not serve.
 */
public final class TokenHttpApi implements AutoCloseable {
  /** Where the API listens, who may call it, and the apps token-service serves. */
  public record Settings(String host, int port, ApiAccess access, Set<String> apps) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ApiClients clients;
  private final Set<String> apps;
  private final TokenReader tokens;
  private final InvalidateBudget budget;
  private final TokenMetrics metrics;
  private final JsonMapper mapper;
  private final JsSdkRoutes jssdk;

  private TokenHttpApi(
      HttpServer server,
      Settings settings,
      Readers readers,
      InvalidateBudget budget,
      TokenMetrics metrics,
      JsonMapper mapper) {
    this.server = server;
    this.jssdk = new JsSdkRoutes(readers.tickets(), readers.held(), InstantSource.system());
    this.clients = settings.access().clients();
    this.apps = Set.copyOf(settings.apps());
    this.tokens = readers.tokens();
    this.budget = budget;
    this.metrics = metrics;
    this.mapper = mapper;
  }

  /** Where the API reads tokens and tickets, and the ticket types token-service holds. */
  public record Readers(TokenReader tokens, TicketReader tickets, Set<TicketType> held) {}

  public static TokenHttpApi start(
      Settings settings,
      Readers readers,
      InvalidateBudget budget,
      TokenMetrics metrics,
      JsonMapper mapper) {
    HttpServer server = bind(settings);
    TokenHttpApi api = new TokenHttpApi(server, settings, readers, budget, metrics, mapper);
    metrics.registerApi(settings.access().clients().all().stream().map(ApiClient::name).toList());
    server.createContext("/", api::handle);
    server.setExecutor(api.executor);
    server.start();
    return api;
  }

  private static HttpServer bind(Settings settings) {
    InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
    TlsKeystore tls = settings.access().tls();
    try {
      if (tls == null) {
        return HttpServer.create(address, 64);
      }
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
      return https;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the token API at " + settings.host() + ":" + settings.port(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      Optional<ApiClient> client = clients.authenticate(authorization);
      if (client.isEmpty()) {
        metrics.apiDenial("unknown", 401);
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        reply(exchange, 401, Map.of("error", "missing or wrong bearer token"));
        return;
      }
      route(exchange, client.get());
    }
  }

  private void route(HttpExchange exchange, ApiClient client) throws IOException {
    String[] path = exchange.getRequestURI().getPath().split("/");
    // "", "v1", "apps", appid, "token" | "tickets" | "jssdk", ["invalidate" | type | "signature"]
    Optional<Scope> scope = path.length < 5 ? Optional.empty() : scopeOf(path[4]);
    if (path.length > 6 || scope.isEmpty() || !path[1].equals("v1") || !path[2].equals("apps")) {
      reply(exchange, 404, Map.of("error", "no such route"));
      return;
    }
    String appid = path[3];
    if (!client.mayUse(appid) || !apps.contains(appid)) {
      if (client.everyApp()) {
        reply(exchange, 404, Map.of("error", "unknown app"));
      } else {
        deny(exchange, client, "this client may not use this app");
      }
      return;
    }
    if (!client.may(scope.get())) {
      deny(exchange, client, "this client's scopes do not include " + scope.get().label());
      return;
    }
    String method = exchange.getRequestMethod();
    if (scope.get() != Scope.TOKEN) {
      ticketRoute(exchange, path, method);
    } else if (path.length == 5 && method.equals("GET")) {
      current(exchange, appid);
    } else if (path.length == 6 && path[5].equals("invalidate") && method.equals("POST")) {
      invalidate(exchange, client, appid);
    } else {
      reply(exchange, 405, Map.of("error", method + " not allowed here"));
    }
  }

  private static Optional<Scope> scopeOf(String segment) {
    return switch (segment) {
      case "token" -> Optional.of(Scope.TOKEN);
      case "tickets" -> Optional.of(Scope.TICKET);
      case "jssdk" -> Optional.of(Scope.SIGN);
      default -> Optional.empty();
    };
  }

  private void ticketRoute(HttpExchange exchange, String[] path, String method) throws IOException {
    JsSdkRoutes.Reply answer;
    if (path.length != 6) {
      answer = new JsSdkRoutes.Reply(404, Map.of("error", "no such route"));
    } else if (path[4].equals("tickets") && method.equals("GET")) {
      answer = jssdk.ticket(path[3], path[5]);
    } else if (path[4].equals("jssdk") && path[5].equals("signature") && method.equals("POST")) {
      answer = jssdk.sign(path[3], json(exchange));
    } else {
      answer = new JsSdkRoutes.Reply(405, Map.of("error", method + " not allowed here"));
    }
    reply(exchange, answer.status(), answer.body());
  }

  private JsonNode json(HttpExchange exchange) throws IOException {
    try {
      return mapper.readTree(exchange.getRequestBody().readAllBytes());
    } catch (JacksonException e) {
      return null;
    }
  }

  private void current(HttpExchange exchange, String appid) throws IOException {
    try {
      reply(exchange, 200, body(tokens.current(appid)));
    } catch (TokenUnavailableException e) {
      reply(exchange, 503, Map.of("error", e.getMessage()));
    }
  }

  private void invalidate(HttpExchange exchange, ApiClient client, String appid)
      throws IOException {
    if (client.invalidatePerHour() == 0) {
      metrics.apiInvalidation(client.name(), appid, "refused");
      deny(exchange, client, "this client may not invalidate tokens");
      return;
    }
    Optional<Long> generation = generation(exchange);
    if (generation.isEmpty()) {
      reply(
          exchange,
          400,
          Map.of("error", "body must be {\"generation\": <the generation that failed>}"));
      return;
    }
    Optional<Duration> wait;
    try {
      wait = budget.take(client.name(), appid, generation.get(), client.invalidatePerHour());
    } catch (RuntimeException e) {
      reply(exchange, 503, Map.of("error", "cannot check the invalidate budget now"));
      return;
    }
    if (wait.isPresent()) {
      metrics.apiInvalidation(client.name(), appid, "limited");
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
      reply(exchange, 429, limited(client, seconds));
      return;
    }
    metrics.apiInvalidation(client.name(), appid, "accepted");
    try {
      reply(exchange, 200, body(tokens.reportInvalid(appid, generation.get())));
    } catch (TokenUnavailableException e) {
      reply(exchange, 503, Map.of("error", e.getMessage()));
    }
  }

  private Optional<Long> generation(HttpExchange exchange) throws IOException {
    JsonNode request = json(exchange); // null when not JSON: a bad request like any other
    if (request != null && request.path("generation").canConvertToLong()) {
      return Optional.of(request.get("generation").asLong());
    }
    return Optional.empty();
  }

  private static Map<String, Object> limited(ApiClient client, long seconds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "error",
        "over this client's budget of "
            + client.invalidatePerHour()
            + " invalidations per hour; WeChat allows 20 forced refreshes a day");
    body.put("retryAfter", seconds);
    return body;
  }

  private void deny(HttpExchange exchange, ApiClient client, String why) throws IOException {
    metrics.apiDenial(client.name(), 403);
    reply(exchange, 403, Map.of("error", why));
  }

  private static Map<String, Object> body(AccessToken token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("appid", token.appid());
    body.put("accessToken", token.value());
    body.put("generation", token.generation());
    body.put("expiresAt", token.expiresAt().toString());
    body.put(
        "expiresIn",
        Math.max(0, token.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()));
    return body;
  }

  private void reply(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
