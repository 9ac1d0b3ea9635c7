package io.wxrelay.cli.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Instant queries against Prometheus' HTTP API ({@code /api/v1/query}). */
final class Prometheus {
  private final JsonHttp http;
  private final URI base;

  Prometheus(JsonHttp http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** The query's value summed over every series it returns; 0 when it returns none. */
  double value(String promql) {
    JsonNode answer =
        http.get(
            base.resolve(
                "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    double sum = 0;
    for (JsonNode series : answer.path("data").path("result")) {
      sum += Double.parseDouble(series.path("value").path(1).asString("0"));
    }
    return sum;
  }

  /** Prometheus' own link to a query, for a user to paste. */
  String graphUrl(String promql) {
    return base.resolve("/graph?g0.expr=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .toString();
  }
}
