package io.wxrelay.monitoring;

import static io.wxrelay.monitoring.AlertRulesTest.list;
import static io.wxrelay.monitoring.AlertRulesTest.map;
import static io.wxrelay.monitoring.AlertRulesTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus' configuration as both the local relay and docker-compose.yml lay it out, accepted by
 * promtool; compose's targets are its wxrelay services; Grafana's dashboard asks the data source
 * chosen in its data source variable, provisioned by default. (RelayEcosystemIT asks the real
 * Prometheus every panel's query.)
 */
class MonitoringConfigTest {
  private static final Path ROOT = Shell.root();
  private static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");

  @Test
  void promtoolAcceptsTheConfigurationAsComposeMountsIt(@TempDir Path etc) throws IOException {
    Files.copy(PROMETHEUS.resolve("prometheus.yml"), etc.resolve("prometheus.yml"));
    Files.copy(PROMETHEUS.resolve("alerts.yml"), etc.resolve("alerts.yml"));
    Files.createDirectories(etc.resolve("targets"));
    Files.copy(
        PROMETHEUS.resolve("compose-targets/wxrelay.json"), etc.resolve("targets/wxrelay.json"));

    Shell.Run check = Promtool.run("check", "config", etc.resolve("prometheus.yml").toString());

    assertThat(check.exitCode()).as(check.transcript()).isZero();
    assertThat(check.out()).contains("1 rule files found");
  }

  @Test
  void composeScrapesEveryWxrelayServiceItRunsByItsName() throws IOException {
    Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")), "services");
    List<String> wxrelay =
        services.entrySet().stream()
            .filter(e -> e.getKey().matches("token-service-\\d|callback-gateway|send-worker-\\d"))
            .map(Map.Entry::getKey)
            .toList();
    JsonNode targets =
        JsonMapper.builder().build().readTree(PROMETHEUS.resolve("compose-targets/wxrelay.json"));

    List<String> hosts =
        targets
            .valueStream()
            .map(t -> t.path("targets").get(0).asString().replaceFirst(":\\d+$", ""))
            .toList();
    assertThat(hosts).containsExactlyInAnyOrderElementsOf(wxrelay);
    assertThat(services).containsKeys("prometheus", "grafana");
    for (String volume : List.of("prometheus", "grafana")) {
      for (Object mount : (List<?>) ((Map<?, ?>) services.get(volume)).get("volumes")) {
        String host = mount.toString().split(":")[0];
        assertThat(ROOT.resolve(host)).as("%s mounts %s", volume, host).exists();
      }
    }
  }

  @Test
  void everyPanelAndVariableAsksTheDataSourceVariableWhichDefaultsToTheProvisionedOne()
      throws IOException {
    Map<String, Object> provisioned =
        list(
                yaml(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")),
                "datasources")
            .getFirst();
    JsonNode dashboard = Dashboard.read();
    List<JsonNode> variables = dashboard.path("templating").path("list").valueStream().toList();
    JsonNode datasource = variables.getFirst();
    assertThat(datasource.path("name").asString()).isEqualTo("datasource");
    assertThat(datasource.path("type").asString()).isEqualTo("datasource");
    assertThat(datasource.path("query").asString()).isEqualTo("prometheus");
    assertThat(datasource.path("current").path("value").asString())
        .isEqualTo(provisioned.get("uid"));

    List<JsonNode> panels = Dashboard.panels(dashboard);
    assertThat(panels).hasSizeGreaterThan(20);
    for (JsonNode panel : panels) {
      String title = panel.path("title").asString();
      assertThat(panel.path("datasource").path("uid").asString())
          .as(title)
          .isEqualTo(Dashboard.DATASOURCE);
      assertThat(panel.path("targets")).as(title).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asString())
            .as(title + " " + target.path("refId").asString())
            .isEqualTo(Dashboard.DATASOURCE);
      }
    }
    for (JsonNode variable : variables.subList(1, variables.size())) {
      assertThat(variable.path("datasource").path("uid").asString())
          .as(variable.path("name").asString())
          .isEqualTo(Dashboard.DATASOURCE);
    }
    assertThat(variables.stream().map(v -> v.path("name").asString()))
        .contains("appid", "instance");
  }

  @Test
  void theBrokerLagAndTheOldestRecordHaveTheirPanelsPerGroupAndTopic() throws IOException {
    List<String> exprs =
        Dashboard.panels(Dashboard.read()).stream()
            .flatMap(p -> p.path("targets").valueStream())
            .map(t -> t.path("expr").asString())
            .toList();
    for (String metric :
        List.of("wxrelay_kafka_group_lag_records", "wxrelay_kafka_group_oldest_age_seconds")) {
      assertThat(exprs)
          .as(metric)
          .anyMatch(e -> e.startsWith("max by (group, topic) (" + metric + "{"));
    }
  }
}
