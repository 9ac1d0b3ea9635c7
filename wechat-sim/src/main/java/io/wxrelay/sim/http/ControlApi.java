package io.wxrelay.sim.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.api.SimRequest;
import io.wxrelay.sim.api.SimResponse;
import io.wxrelay.sim.fault.FaultPlan;
import io.wxrelay.sim.fault.Faults;
import io.wxrelay.sim.push.PacedScans;
import io.wxrelay.sim.push.UserActions;
import io.wxrelay.sim.truth.Truth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's own API under {@code /sim}: act as a user, read the truth, set faults. Every
 * route is listed in the wechat-sim section of docs/reference.md.
 */
public final class ControlApi {
  private final Accounts accounts;
  private final UserActions users;
  private final PacedScans scans;
  private final Truth truth;
  private final Faults faults;
  private final AccountControl accountControl;
  private final JsonMapper mapper;

  public ControlApi(
      Accounts accounts,
      UserActions users,
      PacedScans scans,
      Truth truth,
      Faults faults,
      AccountControl accountControl,
      JsonMapper mapper) {
    this.accounts = accounts;
    this.users = users;
    this.scans = scans;
    this.truth = truth;
    this.faults = faults;
    this.accountControl = accountControl;
    this.mapper = mapper;
  }

  SimResponse handle(SimRequest request) {
    String[] p = request.path().substring("/sim/".length()).split("/");
    try {
      return route(request, p);
    } catch (IllegalArgumentException | JacksonException e) {
      return json(400, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private SimResponse route(SimRequest r, String[] p) {
    return switch (p[0]) {
      case "apps" -> apps(r, p);
      case "truth" -> truthRoute(r, p);
      case "faults" -> faultsRoute(r, p);
      default -> json(404, Map.of("error", "no control route " + r.method() + " " + r.path()));
    };
  }

  private SimResponse apps(SimRequest r, String[] p) {
    if (p.length == 1 && r.method().equals("GET")) {
      return json(200, accounts.all().stream().map(this::describe).toList());
    }
    String appid = p.length > 1 ? p[1] : "";
    AppConfig app =
        accounts.app(appid).orElseThrow(() -> new IllegalArgumentException("no app " + appid));
    if (p.length == 3 && p[2].equals("users") && r.method().equals("GET")) {
      int limit = Integer.parseInt(r.query().getOrDefault("limit", "100"));
      return json(200, Map.of("openids", accounts.population(appid).openids(limit)));
    }
    if (p.length == 3 && p[2].equals("callback") && r.method().equals("PUT")) {
      JsonNode body = body(r);
      Mode mode =
          Mode.valueOf(body.path("mode").asString(app.mode().name()).toUpperCase(Locale.ROOT));
      accounts.update(
          app.withCallback(
              body.path("url").asString(null),
              body.path("token").asString(app.callbackToken()),
              mode,
              body.path("encodingAesKey").asString(app.encodingAesKey())));
      return json(200, describe(accounts.app(appid).orElseThrow()));
    }
    if (p.length == 3 && p[2].equals("scans") && r.method().equals("POST")) {
      JsonNode body = body(r);
      return json(
          200,
          scans.start(
              appid,
              body.path("ticket").asString(""),
              body.path("openidPrefix").asString(""),
              integer(body, "count"),
              integer(body, "rate")));
    }
    if (p.length == 5 && p[2].equals("users") && r.method().equals("POST")) {
      return json(200, Map.of("pushId", act(appid, p[3], p[4], body(r))));
    }
    Object answer =
        accountControl.handle(r.method(), appid, List.of(p).subList(2, p.length), body(r));
    if (answer != null) {
      return json(200, answer);
    }
    throw new IllegalArgumentException("no control route " + r.method() + " " + r.path());
  }

  /** A whole number that fits an int, else a 400 naming the field and what it got. */
  private static int integer(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new IllegalArgumentException(
          field + " must be a whole number, not " + (value.isMissingNode() ? "missing" : value));
    }
    return value.intValue();
  }

  private long act(String appid, String openid, String action, JsonNode body) {
    return switch (action) {
      case "follow" -> users.follow(appid, openid);
      case "unfollow" -> users.unfollow(appid, openid);
      case "scan" -> users.scan(appid, openid, body.path("ticket").asString(""));
      case "text" -> users.text(appid, openid, body.path("content").asString(""));
      case "click" -> users.click(appid, openid, body.path("key").asString(""));
      case "tap" ->
          users.tap(
              appid, openid, body.path("name").asString(null), body.path("path").asString(null));
      default -> throw new IllegalArgumentException("no user action " + action);
    };
  }

  private SimResponse truthRoute(SimRequest r, String[] p) {
    if (r.method().equals("DELETE") && p.length == 1) {
      truth.clear();
      return json(200, Map.of("cleared", true));
    }
    String what = p.length > 1 ? p[1] : "";
    return switch (what) {
      case "calls" -> json(200, truth.callCounts());
      case "tokens" -> json(200, truth.tokenCounts());
      case "uploads" -> json(200, truth.uploads());
      case "templates" -> json(200, truth.templateDeliveries(r.param("appid"), r.param("openid")));
      case "deliveries" -> {
        String appid = r.param("appid");
        String openid = r.param("openid");
        yield json(
            200,
            truth.deliveries(
                d ->
                    (appid == null || d.appid().equals(appid))
                        && (openid == null || d.openid().equals(openid))));
      }
      case "pushes" ->
          p.length > 2 ? json(200, truth.push(Long.parseLong(p[2]))) : json(200, truth.pushes());
      default -> throw new IllegalArgumentException("no truth called '" + what + "'");
    };
  }

  private SimResponse faultsRoute(SimRequest r, String[] p) {
    switch (r.method()) {
      case "GET" -> {
        return json(200, faults.plans());
      }
      case "DELETE" -> {
        faults.clear();
        return json(200, Map.of("cleared", true));
      }
      case "PUT" -> {
        String api = String.join("/", List.of(p).subList(1, p.length));
        if (api.isEmpty()) {
          throw new IllegalArgumentException(
              "PUT /sim/faults/<api> with a plan like 'rate=0.1; errors=-1'");
        }
        faults.set(api, FaultPlan.parse(new String(r.body(), UTF_8)));
        return json(200, faults.plans());
      }
      default ->
          throw new IllegalArgumentException("no control route " + r.method() + " " + r.path());
    }
  }

  private Map<String, Object> describe(AppConfig app) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("appid", app.appid());
    out.put("originalId", app.originalId());
    out.put("mode", app.mode().name().toLowerCase(Locale.ROOT));
    out.put("type", app.type().name().toLowerCase(Locale.ROOT));
    out.put("callbackUrl", app.callbackUrl());
    out.put("followers", accounts.population(app.appid()).size());
    return out;
  }

  private JsonNode body(SimRequest r) {
    return r.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(r.body());
  }

  private SimResponse json(int status, Object body) {
    return SimResponse.json(status, mapper.writeValueAsBytes(body));
  }
}
