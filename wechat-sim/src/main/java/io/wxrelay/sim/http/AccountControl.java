package io.wxrelay.sim.http;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.Follower;
import io.wxrelay.sim.jssdk.JsSdkTickets;
import io.wxrelay.sim.template.TemplateStores;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The control routes about one account's followers, tags and templates, under {@code
 * /sim/apps/<appid>/}: {@code GET followers}, {@code GET users/<openid>/tags}, {@code PUT
 * users/<openid>/refuse} ({@code {"refuse":true}}), {@code GET tags/<id>/members}, {@code GET
 * templates} (the built-in template's id), {@code PUT templates/quota} ({@code {"daily":N}}),
 * {@code PUT tickets/quota} ({@code {"daily":N}}: getticket calls a day, per type) and {@code POST
 * jssdk/check} (a page's {@code wx.config}: {@code {"url","timestamp","nonceStr","signature"}} →
 * {@code {"ok":true}} or {@code {"ok":false,"errMsg":"config:invalid signature"}}).
 */
public final class AccountControl {
  private final Accounts accounts;
  private final TemplateStores templates;
  private final JsSdkTickets jsSdk;

  public AccountControl(Accounts accounts, TemplateStores templates, JsSdkTickets jsSdk) {
    this.accounts = accounts;
    this.templates = templates;
    this.jsSdk = jsSdk;
  }

  /**
   * The answer to {@code method} on {@code path} (the segments after the appid), or null when there
   * is no such route.
   */
  Object handle(String method, String appid, List<String> path, JsonNode body) {
    String route = method + " " + String.join("/", path).replaceAll("^users/[^/]+/", "users/*/");
    route = route.replaceAll("^GET tags/[^/]+/members$", "GET tags/*/members");
    return switch (route) {
      case "GET followers" -> Map.of("openids", accounts.population(appid).following(null));
      case "GET users/*/tags" -> Map.of("tagids", user(appid, path.get(1)).tags());
      case "PUT users/*/refuse" -> refuse(appid, path.get(1), body);
      case "GET tags/*/members" ->
          Map.of("openids", accounts.population(appid).following(Integer.parseInt(path.get(1))));
      case "GET templates" -> Map.of("builtIn", templates.of(appid).builtInId());
      case "PUT templates/quota" -> {
        int daily = daily(route, body);
        templates.of(appid).setDailyQuota(daily);
        yield Map.of("daily", daily);
      }
      case "PUT tickets/quota" -> {
        int daily = daily(route, body);
        jsSdk.setDailyQuota(appid, daily);
        yield Map.of("daily", daily);
      }
      case "POST jssdk/check" -> check(appid, body);
      default -> null;
    };
  }

  private static int daily(String route, JsonNode body) {
    int daily = body.path("daily").asInt(-1);
    if (daily < 0) {
      throw new IllegalArgumentException(route + " with {\"daily\":N}, N >= 0");
    }
    return daily;
  }

  /** What {@code wx.config} says of a page's signature (WeChat's errMsg on failure). */
  private Map<String, Object> check(String appid, JsonNode body) {
    String appId = body.path("appId").asString(appid);
    String url = body.path("url").asString("");
    String nonce = body.path("nonceStr").asString("");
    String signature = body.path("signature").asString("");
    if (url.isEmpty()
        || nonce.isEmpty()
        || signature.isEmpty()
        || !body.path("timestamp").canConvertToLong()) {
      throw new IllegalArgumentException(
          "POST jssdk/check with {\"url\",\"timestamp\",\"nonceStr\",\"signature\"}");
    }
    long timestamp = body.path("timestamp").asLong();
    boolean ok =
        appId.equals(appid) && jsSdk.signatureValid(appid, url, timestamp, nonce, signature);
    return ok
        ? Map.of("ok", true, "errMsg", "config:ok")
        : Map.of("ok", false, "errMsg", "config:invalid signature");
  }

  private Map<String, Object> refuse(String appid, String openid, JsonNode body) {
    boolean refuse = body.path("refuse").asBoolean(true);
    accounts.population(appid).refuseMessages(user(appid, openid).openid(), refuse);
    return Map.of("openid", openid, "refuses", refuse);
  }

  private Follower.View user(String appid, String openid) {
    return accounts
        .population(appid)
        .view(openid)
        .orElseThrow(() -> new IllegalArgumentException("no user " + openid + " of " + appid));
  }
}
