package io.wxrelay.monitoring;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/prometheus/alerts.yml as the tests read it: its rules, and a copy of it whose waits are
 * shorter, for a test that cannot wait minutes.
 */
public final class AlertsFile {
  public static final Path PATH = Shell.root().resolve("deploy/prometheus/alerts.yml");
  private static final Pattern FOR = Pattern.compile("(?m)^(\\s+for: )(\\w+)$");
  private static final Pattern RANGE = Pattern.compile("\\[(\\d+[smhdw])(?::(\\d+[smhdw]))?]");
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhdw])");

  private AlertsFile() {}

  /** Every rule, alerting and recording, of every group. */
  public static List<Map<String, Object>> rules() throws IOException {
    return AlertRulesTest.list(AlertRulesTest.yaml(PATH), "groups").stream()
        .flatMap(g -> AlertRulesTest.list(g, "rules").stream())
        .toList();
  }

  /**
   * The file's text with every {@code for:}, every range window and every subquery step divided by
   * {@code divisor} (with 60, a minute becomes a second); nothing else changes.
   */
  public static String shortened(int divisor) throws IOException {
    return shortened(Files.readString(PATH), divisor);
  }

  static String shortened(String text, int divisor) {
    String fors =
        FOR.matcher(text)
            .replaceAll(m -> m.group(1) + Matcher.quoteReplacement(divide(m.group(2), divisor)));
    return RANGE
        .matcher(fors)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    "["
                        + divide(m.group(1), divisor)
                        + (m.group(2) == null ? "" : ":" + divide(m.group(2), divisor))
                        + "]"));
  }

  /** A Prometheus duration ({@code 5m}) divided by {@code divisor}, in whole milliseconds. */
  static String divide(String duration, int divisor) {
    Matcher m = DURATION.matcher(duration);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration of one unit: " + duration);
    }
    long seconds =
        Long.parseLong(m.group(1))
            * switch (m.group(2)) {
              case "s" -> 1L;
              case "m" -> 60L;
              case "h" -> 3_600L;
              case "d" -> 86_400L;
              default -> 604_800L;
            };
    long millis = seconds * 1000 / divisor;
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
