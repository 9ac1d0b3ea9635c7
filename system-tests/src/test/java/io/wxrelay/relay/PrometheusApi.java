package io.wxrelay.relay;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The HTTP API of the relay's Prometheus: instant queries, loaded rules, active alerts. */
public final class PrometheusApi {
  private final URI base;
  private final JsonHttp http = new JsonHttp();

  public PrometheusApi(URI base) {
    this.base = base;
  }

  /** The series {@code promql} returns now (empty when none). */
  public JsonNode query(String promql) throws Exception {
    return http.get(
            base.resolve(
                "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
        .path("data")
        .path("result");
  }

  /** How many rules Prometheus loaded, all groups together. */
  public int rules() throws Exception {
    return http.get(base.resolve("/api/v1/rules")).findValues("rules").stream()
        .mapToInt(JsonNode::size)
        .sum();
  }

  /** The alerts pending or firing now. */
  public List<JsonNode> alerts() throws Exception {
    return http.get(base.resolve("/api/v1/alerts"))
        .path("data")
        .path("alerts")
        .valueStream()
        .toList();
  }
}
