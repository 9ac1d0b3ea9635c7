package io.wxrelay.faults;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One scenario's row of the fault report: the load, the fault, and what was counted. Each scenario
 * writes its row to {@code target/faults/<scenario>.md} (and prints it); {@code bench/faults.sh}
 * gathers the rows into {@code bench/results/faults.md}.
 *
 * <p>The load scales with {@code FAULTS_SCALE} (default 1: the sizes the test command runs) and a
 * WeChat outage lasts {@code FAULTS_OUTAGE} (default 30s), so that the benchmark runs the same
 * scenarios larger.
 */
record FaultReport(
    String scenario,
    String load,
    String fault,
    long acknowledged,
    long onKafka,
    long lost,
    long duplicates,
    String results,
    String maxAnswer) {

  /** {@code base} times FAULTS_SCALE. */
  static int scaled(int base) {
    String scale = System.getenv().getOrDefault("FAULTS_SCALE", "1");
    return (int) Math.round(base * Double.parseDouble(scale));
  }

  /** How long a WeChat outage lasts: FAULTS_OUTAGE in seconds, default 30. */
  static Duration outage() {
    return Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("FAULTS_OUTAGE", "30")));
  }

  /** Results by status as the report shows them: {@code SUCCEEDED 9993, UNKNOWN 7}. */
  static String statuses(Map<Status, Integer> statuses) {
    return statuses.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  String row() {
    return Stream.of(
            scenario,
            load,
            fault,
            Long.toString(acknowledged),
            Long.toString(onKafka),
            Long.toString(lost),
            Long.toString(duplicates),
            results,
            maxAnswer)
        .collect(Collectors.joining(" | ", "| ", " |"));
  }

  /** Prints the row and writes it where the benchmark gathers it. */
  void write() {
    System.out.println("fault report: " + row());
    Path file = Path.of("target", "faults", scenario.replaceAll("[^A-Za-z0-9]+", "-") + ".md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, row() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
