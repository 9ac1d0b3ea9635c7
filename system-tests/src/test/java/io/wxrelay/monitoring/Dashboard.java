package io.wxrelay.monitoring;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboard of deploy/grafana, and its queries as Prometheus runs them. */
public final class Dashboard {
  /** The data source of every panel: the dashboard's variable, so that any Prometheus serves. */
  public static final String DATASOURCE = "${datasource}";

  private Dashboard() {}

  public static JsonNode read() throws IOException {
    return JsonMapper.builder()
        .build()
        .readTree(Shell.root().resolve("deploy/grafana/dashboards/wxrelay.json"));
  }

  /** Its panels that show data (rows aside). */
  public static List<JsonNode> panels(JsonNode dashboard) {
    return dashboard
        .path("panels")
        .valueStream()
        .filter(p -> !"row".equals(p.path("type").asString()))
        .toList();
  }

  /**
   * A panel's query with Grafana's variables filled in as Grafana fills them for "All" and a short
   * range: every account, every instance.
   */
  public static String promql(String expr) {
    return expr.replace("$appid", ".*")
        .replace("$instance", ".*")
        .replace("$__rate_interval", "1m")
        .replace("$__range", "15m");
  }
}
