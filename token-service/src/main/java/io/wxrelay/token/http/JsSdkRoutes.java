package io.wxrelay.token.http;

import io.wxrelay.token.client.Ticket;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenUnavailableException;
import io.wxrelay.token.jssdk.JsSdkSignature;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP API's ticket routes, for a client already allowed the app:
 *
 * <ul>
 *   <li>{@code GET /v1/apps/{appid}/tickets/{jsapi|wx_card}} (scope {@code ticket}) → the ticket
 *   <li>{@code POST /v1/apps/{appid}/jssdk/signature} (scope {@code sign}) with {@code {"url": …,
 *       "noncestr": …, "timestamp": …}} (the last two optional, made here when absent) → {@code
 *       {appId, timestamp, nonceStr, signature}} for {@code wx.config}: the page never holds the
 *       ticket
 * </ul>
 */
final class JsSdkRoutes {
  /** A JSON answer. */
  record Reply(int status, Object body) {}

  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{1,32}");
  private static final int MAX_URL = 2048;

  private final TicketReader tickets;
  private final Set<TicketType> held;
  private final InstantSource clock;

  JsSdkRoutes(TicketReader tickets, Set<TicketType> held, InstantSource clock) {
    this.tickets = tickets;
    this.held = Set.copyOf(held);
    this.clock = clock;
  }

  /** {@code GET …/tickets/{type}}. */
  Reply ticket(String appid, String typeName) {
    Optional<TicketType> type = TicketType.of(typeName);
    if (type.isEmpty() || !held.contains(type.get())) {
      return new Reply(404, Map.of("error", "token-service holds no '" + typeName + "' tickets"));
    }
    try {
      Ticket ticket = tickets.ticket(appid, type.get());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("appid", appid);
      body.put("type", ticket.type().wire());
      body.put("ticket", ticket.value());
      body.put("generation", ticket.generation());
      body.put("expiresAt", ticket.expiresAt().toString());
      body.put(
          "expiresIn",
          Math.max(0, ticket.expiresAt().getEpochSecond() - clock.instant().getEpochSecond()));
      return new Reply(200, body);
    } catch (TokenUnavailableException e) {
      return new Reply(503, Map.of("error", e.getMessage()));
    }
  }

  /** {@code POST …/jssdk/signature} with {@code request} (null: not JSON). */
  Reply sign(String appid, JsonNode request) {
    if (!held.contains(TicketType.JSAPI)) {
      return new Reply(404, Map.of("error", "token-service holds no jsapi tickets"));
    }
    Optional<String> problem = problem(request);
    if (problem.isPresent()) {
      return new Reply(400, Map.of("error", problem.get()));
    }
    String url = request.get("url").asString();
    String nonce =
        request.hasNonNull("noncestr")
            ? request.get("noncestr").asString()
            : JsSdkSignature.newNonce();
    long timestamp =
        request.hasNonNull("timestamp")
            ? request.get("timestamp").asLong()
            : clock.instant().getEpochSecond();
    try {
      Ticket ticket = tickets.ticket(appid, TicketType.JSAPI);
      String signature = JsSdkSignature.sign(ticket.value(), nonce, timestamp, url);
      return new Reply(200, new JsSdkSignature.Signed(appid, timestamp, nonce, signature));
    } catch (TokenUnavailableException e) {
      return new Reply(503, Map.of("error", e.getMessage()));
    }
  }

  /** What is wrong with a signature request, if anything; one sentence. */
  static Optional<String> problem(JsonNode request) {
    if (request == null || !request.isObject()) {
      return Optional.of("body must be {\"url\": <the page's URL>, optional noncestr, timestamp}");
    }
    JsonNode url = request.get("url");
    if (url == null
        || !url.isString()
        || !(url.asString().startsWith("http://") || url.asString().startsWith("https://"))
        || url.asString().length() > MAX_URL) {
      return Optional.of("url must be the page's http(s) URL, at most " + MAX_URL + " characters");
    }
    JsonNode nonce = request.get("noncestr");
    if (nonce != null
        && !nonce.isNull()
        && !(nonce.isString() && NONCE.matcher(nonce.asString()).matches())) {
      return Optional.of("noncestr must be 1 to 32 letters or digits");
    }
    JsonNode timestamp = request.get("timestamp");
    if (timestamp != null
        && !timestamp.isNull()
        && !(timestamp.isIntegralNumber() && timestamp.asLong() > 0)) {
      return Optional.of("timestamp must be Unix seconds, a positive whole number");
    }
    return Optional.empty();
  }
}
