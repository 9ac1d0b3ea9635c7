package io.wxrelay.sim.http;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.Follower;
import io.wxrelay.sim.jssdk.JsSdkTickets;
import io.wxrelay.sim.media.MaterialLibrary;
import io.wxrelay.sim.media.MediaStore;
import io.wxrelay.sim.template.TemplateStores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The control routes about one account's followers, tags and templates, under {@code
 * /sim/apps/<appid>/}: {@code GET followers}, {@code GET users/<openid>/tags}, {@code PUT
 * users/<openid>/refuse} ({@code {"refuse":true}}), {@code GET tags/<id>/members}, {@code GET
 * templates} (the built-in template's id) and {@code PUT templates/quota} ({@code {"daily":N}});
 * the permanent material library: {@code GET material} (its counts and caps, WeChat's spelling),
 * {@code PUT material/caps} ({@code {"image":N,...}}) and {@code PUT material/<media_id>/in-use}
 * ({@code {"inUse":true}}: used by an auto-reply or the menu, so not deletable); JS-SDK tickets:
 * {@code PUT tickets/quota} ({@code {"daily":N}}: getticket calls a day, per type) and {@code POST
 * jssdk/check} (a page's {@code wx.config}: {@code {"url","timestamp","nonceStr","signature"}} →
 * {@code {"ok":true}} or {@code {"ok":false,"errMsg":"config:invalid signature"}}).
 */
public final class AccountControl {
  private final Accounts accounts;
  private final TemplateStores templates;
  private final MediaStore media;
  private final JsSdkTickets jsSdk;

  public AccountControl(
      Accounts accounts, TemplateStores templates, MediaStore media, JsSdkTickets jsSdk) {
    this.accounts = accounts;
    this.templates = templates;
    this.media = media;
    this.jsSdk = jsSdk;
  }

  /**
   * The answer to {@code method} on {@code path} (the segments after the appid), or null when there
   * is no such route.
   */
  Object handle(String method, String appid, List<String> path, JsonNode body) {
    String route = method + " " + String.join("/", path).replaceAll("^users/[^/]+/", "users/*/");
    route = route.replaceAll("^GET tags/[^/]+/members$", "GET tags/*/members");
    route = route.replaceAll("^PUT material/[^/]+/in-use$", "PUT material/*/in-use");
    return switch (path.isEmpty() ? "" : path.getFirst()) {
      case "followers", "users", "tags" -> people(route, appid, path, body);
      case "templates" -> templates(route, appid, body);
      case "material" -> material(route, appid, path, body);
      case "tickets", "jssdk" -> jsSdk(route, appid, body);
      default -> null;
    };
  }

  /** The account's followers, a user's tags and refusal, a tag's members. */
  private Object people(String route, String appid, List<String> path, JsonNode body) {
    return switch (route) {
      case "GET followers" -> Map.of("openids", accounts.population(appid).following(null));
      case "GET users/*/tags" -> Map.of("tagids", user(appid, path.get(1)).tags());
      case "PUT users/*/refuse" -> refuse(appid, path.get(1), body);
      case "GET tags/*/members" ->
          Map.of("openids", accounts.population(appid).following(Integer.parseInt(path.get(1))));
      default -> null;
    };
  }

  /** The built-in template's id, and the day's quota of template sends. */
  private Object templates(String route, String appid, JsonNode body) {
    return switch (route) {
      case "GET templates" -> Map.of("builtIn", templates.of(appid).builtInId());
      case "PUT templates/quota" -> {
        int daily = daily(route, body);
        templates.of(appid).setDailyQuota(daily);
        yield Map.of("daily", daily);
      }
      default -> null;
    };
  }

  /** The permanent material library: its counts and caps, and material marked in use. */
  private Object material(String route, String appid, List<String> path, JsonNode body) {
    return switch (route) {
      case "GET material" -> material(appid);
      case "PUT material/caps" -> caps(appid, body);
      case "PUT material/*/in-use" -> {
        boolean inUse = body.path("inUse").asBoolean(true);
        media.library().setInUse(path.get(1), inUse);
        yield Map.of("media_id", path.get(1), "inUse", inUse);
      }
      default -> null;
    };
  }

  /** The day's quota of getticket calls, and a page's {@code wx.config} checked. */
  private Object jsSdk(String route, String appid, JsonNode body) {
    return switch (route) {
      case "PUT tickets/quota" -> {
        int daily = daily(route, body);
        jsSdk.setDailyQuota(appid, daily);
        yield Map.of("daily", daily);
      }
      case "POST jssdk/check" -> check(appid, body);
      default -> null;
    };
  }

  /** The library's counts as get_materialcount spells them, and each type's cap. */
  private Map<String, Object> material(String appid) {
    Map<String, Object> answer = new LinkedHashMap<>();
    Map<String, Object> caps = new LinkedHashMap<>();
    media
        .library()
        .counts(appid)
        .forEach(
            (type, count) -> {
              answer.put(type.wechat() + "_count", count);
              caps.put(type.wechat(), media.library().cap(appid, type));
            });
    answer.put("caps", caps);
    return answer;
  }

  private Map<String, Object> caps(String appid, JsonNode body) {
    for (Map.Entry<String, JsonNode> cap : body.properties()) {
      int value = cap.getValue().asInt(-1);
      if (value < 0) {
        throw new IllegalArgumentException("PUT material/caps with {\"image\":N,...}, N >= 0");
      }
      media.library().setCap(appid, MaterialLibrary.Type.of(cap.getKey()), value);
    }
    return material(appid);
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
    Map<String, Object> answer = new LinkedHashMap<>(); // ok first, as the README shows it
    answer.put("ok", ok);
    answer.put("errMsg", ok ? "config:ok" : "config:invalid signature");
    return answer;
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
