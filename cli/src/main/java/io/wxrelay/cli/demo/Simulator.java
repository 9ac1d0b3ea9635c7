package io.wxrelay.cli.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The simulator's control API: act as a WeChat user, and read what WeChat did (its truth). */
final class Simulator {
  private final JsonHttp http;
  private final URI base;

  Simulator(JsonHttp http, URI base) {
    this.http = http;
    this.base = base;
  }

  List<String> followers(String appid, int limit) {
    List<String> openids = new ArrayList<>();
    http.get(uri("/sim/apps/" + appid + "/users?limit=" + limit))
        .path("openids")
        .forEach(o -> openids.add(o.asString()));
    return openids;
  }

  /** The followers carrying tag {@code tag}, as WeChat keeps them. */
  List<String> tagMembers(String appid, long tag) {
    List<String> openids = new ArrayList<>();
    http.get(uri("/sim/apps/" + appid + "/tags/" + tag + "/members"))
        .path("openids")
        .forEach(o -> openids.add(o.asString()));
    return openids;
  }

  void scan(String appid, String openid, String ticket) {
    http.post(uri("/sim/apps/" + appid + "/users/" + openid + "/scan"), Map.of("ticket", ticket));
  }

  void text(String appid, String openid, String content) {
    http.post(uri("/sim/apps/" + appid + "/users/" + openid + "/text"), Map.of("content", content));
  }

  /** What WeChat delivered to one user, or to everyone of the account ({@code openid} null). */
  JsonNode deliveries(String appid, String openid) {
    return http.get(
        uri("/sim/truth/deliveries?appid=" + appid + (openid == null ? "" : "&openid=" + openid)));
  }

  /** Tokens WeChat issued, by endpoint and appid. */
  JsonNode tokens() {
    return http.get(uri("/sim/truth/tokens"));
  }

  /**
   * Someone outside wxrelay forces a new stable token with the account's secret, as a forgotten
   * script on another server would: WeChat ends the token wxrelay holds. Returns the token WeChat
   * answered with (the same one when the last forced refresh was under 30 s ago).
   */
  String forceNewToken(String appid, String secret) {
    JsonNode answer =
        http.post(
            uri("/cgi-bin/stable_token"),
            Map.of(
                "grant_type",
                "client_credential",
                "appid",
                appid,
                "secret",
                secret,
                "force_refresh",
                true));
    return answer.path("access_token").asString("");
  }

  byte[] download(String url) {
    return http.bytes(URI.create(url));
  }

  private URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }
}
