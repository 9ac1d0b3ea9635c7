package io.wxrelay.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules as Prometheus reads them (promtool), each one proven by a rules test to fire on
 * its failure and to stay quiet beside it, each with what an operator needs: a {@code for}, a
 * severity, a summary and a {@code runbook_url} to a section of docs/operations.md that exists.
 */
class AlertRulesTest {
  private static final Path PROMETHEUS = Shell.root().resolve("deploy/prometheus");

  @Test
  void promtoolAcceptsTheRulesAndTheirTestsPass() {
    Shell.Run check = Promtool.run("check", "rules", PROMETHEUS.resolve("alerts.yml").toString());
    assertThat(check.exitCode()).as(check.transcript()).isZero();

    Shell.Run test =
        Promtool.run("test", "rules", PROMETHEUS.resolve("alerts.test.yml").toString());
    assertThat(test.exitCode()).as(test.transcript()).isZero();
    assertThat(test.out()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAForASeverityASummaryAndARunbookUrlToASectionThatExists() throws IOException {
    String operations = Files.readString(Shell.root().resolve("docs/operations.md"));
    Set<String> anchors =
        operations
            .lines()
            .filter(l -> l.startsWith("#"))
            .map(
                l ->
                    l.replaceFirst("^#+\\s*", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'))
            .collect(Collectors.toSet());
    List<Map<String, Object>> alerts = alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(21);
    for (Map<String, Object> rule : alerts) {
      String name = (String) rule.get("alert");
      assertThat(rule).as(name).containsKey("for");
      assertThat(String.valueOf(rule.get("for"))).as(name).matches("[1-9][0-9]*[mh]");
      assertThat(map(rule, "labels").get("severity")).as(name).isIn("critical", "warning");
      Map<String, Object> annotations = map(rule, "annotations");
      assertThat(annotations).as(name).doesNotContainKey("runbook");
      assertThat((String) annotations.get("summary")).as(name).isNotBlank();
      String runbook = (String) annotations.get("runbook_url");
      assertThat(runbook).as(name).isEqualTo("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
      assertThat(anchors)
          .as("a section of docs/operations.md for " + name)
          .contains(name.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void everyAlertIsTestedFiringAndQuiet() throws IOException {
    Map<String, Object> tests = yaml(PROMETHEUS.resolve("alerts.test.yml"));
    List<Map<String, Object>> cases =
        list(tests, "tests").stream().flatMap(t -> list(t, "alert_rule_test").stream()).toList();
    for (Map<String, Object> rule : alerts()) {
      String name = (String) rule.get("alert");
      List<Map<String, Object>> mine =
          cases.stream().filter(c -> name.equals(c.get("alertname"))).toList();
      assertThat(mine)
          .as(name + " fires in a test")
          .anyMatch(c -> !list(c, "exp_alerts").isEmpty());
      assertThat(mine)
          .as(name + " is quiet in a test")
          .anyMatch(c -> list(c, "exp_alerts").isEmpty());
    }
  }

  /** The alerting rules (recording rules aside). */
  static List<Map<String, Object>> alerts() throws IOException {
    return AlertsFile.rules().stream().filter(r -> r.containsKey("alert")).toList();
  }

  static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> map, String key) {
    return (Map<String, Object>) map.getOrDefault(key, Map.of());
  }
}
