package io.wxrelay.sim.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.rules.WeChatException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Routes {@code /cgi-bin/<api>} requests to their handlers: checks the access token (except on the
 * token endpoints), counts the call, parses the JSON body, and turns a {@link WeChatException} into
 * WeChat's error body (HTTP 200, {@code errmsg} with a {@code rid} suffix).
 */
public final class ApiRouter {
  private static final String PREFIX = "/cgi-bin/";

  /** One call: the appid the token belongs to (or the token endpoint's appid) and the body. */
  public record Call(String appid, SimRequest request, JsonNode body) {
    public String text(String field) {
      JsonNode node = body.get(field);
      return node == null || node.isNull() ? null : node.asString();
    }
  }

  /** Answers a call with response fields (a map) or a ready {@link SimResponse}. */
  @FunctionalInterface
  public interface Handler {
    Object handle(Call call);
  }

  private record Route(Handler handler, boolean needsToken) {}

  private final Map<String, Route> routes = new HashMap<>();
  private final ApiContext context;
  private final JsonMapper mapper;
  private final SecureRandom random = new SecureRandom();

  public ApiRouter(ApiContext context, JsonMapper mapper) {
    this.context = context;
    this.mapper = mapper;
  }

  /** An API that needs {@code access_token}, e.g. {@code message/custom/send}. */
  public void authorized(String api, Handler handler) {
    routes.put(api, new Route(handler, true));
  }

  /** An API without token (token endpoints, showqrcode); the handler counts its own calls. */
  public void open(String api, Handler handler) {
    routes.put(api, new Route(handler, false));
  }

  /** The API a path names, e.g. {@code message/custom/send}, if the simulator has it. */
  public Optional<String> apiOf(String path) {
    if (!path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String api = path.substring(PREFIX.length());
    return routes.containsKey(api) ? Optional.of(api) : Optional.empty();
  }

  public SimResponse handle(String api, SimRequest request) {
    Route route = routes.get(api);
    try {
      String appid = null;
      if (route.needsToken()) {
        appid = context.tokens().check(request.param("access_token"));
        context.truth().call(api, appid);
      }
      Object result = route.handler().handle(new Call(appid, request, parse(request)));
      return result instanceof SimResponse response ? response : json(result);
    } catch (WeChatException e) {
      return error(e);
    }
  }

  /** The error body for {@code e}, also used for injected faults. */
  public SimResponse error(WeChatException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errcode", e.code());
    body.put("errmsg", e.getMessage() + " rid: " + HexFormat.of().formatHex(rid()));
    if (e.extra() instanceof Map<?, ?> extra) {
      extra.forEach((k, v) -> body.put(k.toString(), v));
    }
    return json(body);
  }

  private byte[] rid() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return bytes;
  }

  private JsonNode parse(SimRequest request) {
    String type = request.contentType() == null ? "" : request.contentType();
    if (request.body().length == 0 || type.startsWith("multipart/")) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = mapper.readTree(new String(request.body(), UTF_8));
      return node == null ? MissingNode.getInstance() : node;
    } catch (JacksonException e) {
      throw WeChatError.INVALID_JSON.exception();
    }
  }

  private SimResponse json(Object body) {
    return SimResponse.json(200, mapper.writeValueAsBytes(body));
  }
}
