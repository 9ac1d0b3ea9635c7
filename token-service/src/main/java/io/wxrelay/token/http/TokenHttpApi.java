package io.wxrelay.token.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.token.client.TokenUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens for readers that cannot embed the Java client, behind a bearer token compared in constant
 * time:
 *
 * <ul>
 *   <li>{@code GET /v1/apps/{appid}/token} → the current token (404 unknown app, 503 none yet)
 *   <li>{@code POST /v1/apps/{appid}/token/invalidate} with {@code {"generation": n}} → a token of
 *       another generation once token-service has refreshed (503 if none comes in time)
 * </ul>
 */
public final class TokenHttpApi implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final byte[] bearer;
  private final Set<String> apps;
  private final TokenClient tokens;
  private final JsonMapper mapper;

  private TokenHttpApi(
      HttpServer server, String bearer, Set<String> apps, TokenClient tokens, JsonMapper mapper) {
    this.server = server;
    this.bearer = ("Bearer " + bearer).getBytes(UTF_8);
    this.apps = Set.copyOf(apps);
    this.tokens = tokens;
    this.mapper = mapper;
  }

  public static TokenHttpApi start(
      String host,
      int port,
      String bearer,
      Set<String> apps,
      TokenClient tokens,
      JsonMapper mapper) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the token API at " + host + ":" + port, e);
    }
    TokenHttpApi api = new TokenHttpApi(server, bearer, apps, tokens, mapper);
    server.createContext("/", api::handle);
    server.setExecutor(api.executor);
    server.start();
    return api;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        reply(exchange, 401, Map.of("error", "missing or wrong bearer token"));
        return;
      }
      String[] path = exchange.getRequestURI().getPath().split("/");
      // "", "v1", "apps", appid, "token", ["invalidate"]
      if (path.length < 5
          || !path[1].equals("v1")
          || !path[2].equals("apps")
          || !path[4].equals("token")) {
        reply(exchange, 404, Map.of("error", "no such route"));
        return;
      }
      String appid = path[3];
      if (!apps.contains(appid)) {
        reply(exchange, 404, Map.of("error", "unknown app " + appid));
        return;
      }
      String method = exchange.getRequestMethod();
      if (path.length == 5 && method.equals("GET")) {
        current(exchange, appid);
      } else if (path.length == 6 && path[5].equals("invalidate") && method.equals("POST")) {
        invalidate(exchange, appid);
      } else {
        reply(exchange, 405, Map.of("error", method + " not allowed here"));
      }
    }
  }

  private void current(HttpExchange exchange, String appid) throws IOException {
    try {
      reply(exchange, 200, body(tokens.current(appid)));
    } catch (TokenUnavailableException e) {
      reply(exchange, 503, Map.of("error", e.getMessage()));
    }
  }

  private void invalidate(HttpExchange exchange, String appid) throws IOException {
    JsonNode request;
    try {
      request = mapper.readTree(exchange.getRequestBody().readAllBytes());
    } catch (JacksonException e) {
      request = null;
    }
    if (request == null || !request.path("generation").canConvertToLong()) {
      reply(
          exchange,
          400,
          Map.of("error", "body must be {\"generation\": <the generation that failed>}"));
      return;
    }
    try {
      reply(exchange, 200, body(tokens.reportInvalid(appid, request.get("generation").asLong())));
    } catch (TokenUnavailableException e) {
      reply(exchange, 503, Map.of("error", e.getMessage()));
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null && MessageDigest.isEqual(header.getBytes(UTF_8), bearer);
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
