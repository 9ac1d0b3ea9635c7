package io.wxrelay.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shortened copy of the alert rules that AlertsOnRealFaultsIT runs: only its waits differ. */
class AlertsFileTest {
  private static final String DURATION = "\\d+(ms|[smhdw])";

  @Test
  void dividesADurationIntoWholeMilliseconds() {
    assertThat(AlertsFile.divide("5m", 60)).isEqualTo("5s");
    assertThat(AlertsFile.divide("3h", 60)).isEqualTo("180s");
    assertThat(AlertsFile.divide("30s", 60)).isEqualTo("500ms");
    assertThatThrownBy(() -> AlertsFile.divide("1h30m", 60))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theShortenedRulesDifferOnlyInTheirWaitsWhichAreDivided(@TempDir Path dir)
      throws IOException {
    String real = Files.readString(AlertsFile.PATH);
    String shortened = AlertsFile.shortened(60);

    assertThat(shortened).isNotEqualTo(real).contains("[5s]", "[180s:1s]", "for: 1s");
    assertThat(shortened.replaceAll(DURATION, "D")).isEqualTo(real.replaceAll(DURATION, "D"));
    Path copy = dir.resolve("alerts.yml");
    Files.writeString(copy, shortened);
    List<Map<String, Object>> rules =
        AlertRulesTest.list(AlertRulesTest.yaml(copy), "groups").stream()
            .flatMap(g -> AlertRulesTest.list(g, "rules").stream())
            .toList();
    List<Map<String, Object>> original = AlertsFile.rules();
    assertThat(rules).hasSameSizeAs(original);
    for (int i = 0; i < rules.size(); i++) {
      Object wait = original.get(i).get("for");
      if (wait != null) {
        assertThat(rules.get(i).get("for"))
            .as(String.valueOf(original.get(i).get("alert")))
            .isEqualTo(AlertsFile.divide(wait.toString(), 60));
      }
    }
    Shell.Run check = Promtool.run("check", "rules", copy.toString());
    assertThat(check.exitCode()).as(check.transcript()).isZero();
  }
}
