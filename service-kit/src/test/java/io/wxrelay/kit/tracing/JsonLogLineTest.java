package io.wxrelay.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.ChildJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' own Log4j configuration, in a JVM of its own (LOG_FORMAT is read from the
 * environment): a line logged while a command is handled.
 */
class JsonLogLineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void withLogFormatJsonALineAboutACommandIsAnEcsObjectWithItsIdsAndTrace() throws Exception {
    List<String> lines = run(Map.of("LOG_FORMAT", "json", "OTEL_SERVICE_NAME", "send-worker"));

    String line =
        lines.stream().filter(l -> l.contains(LogLineMain.MESSAGE)).findFirst().orElseThrow();
    System.out.println("JSON log line: " + line);
    JsonNode json = JSON.readTree(line);
    assertThat(json.path("message").asString()).isEqualTo(LogLineMain.MESSAGE);
    assertThat(json.path("log.level").asString()).isEqualTo("INFO");
    assertThat(json.path("@timestamp").asString()).isNotEmpty();
    assertThat(json.path("ecs.version").asString()).isNotEmpty();
    assertThat(json.path("service.name").asString()).isEqualTo("send-worker");
    assertThat(json.path("log.logger").asString()).isEqualTo(LogLineMain.class.getName());
    assertThat(json.path(LogFields.COMMAND_ID).asString()).isEqualTo(LogLineMain.COMMAND_ID);
    assertThat(json.path(LogFields.APPID).asString()).isEqualTo(LogLineMain.APPID);
    assertThat(json.path(LogFields.TRACE_ID).asString()).isEqualTo(LogLineMain.TRACE_ID);
    assertThat(json.path(LogFields.SPAN_ID).asString()).isEqualTo(LogLineMain.SPAN_ID);
    String after =
        lines.stream().filter(l -> l.contains(LogLineMain.AFTER)).findFirst().orElseThrow();
    assertThat(JSON.readTree(after).has(LogFields.COMMAND_ID)).isFalse();
  }

  @Test
  void byDefaultALineIsTextWithTheCommandAndTraceAtItsEnd() throws Exception {
    List<String> lines = run(Map.of());

    String line =
        lines.stream().filter(l -> l.contains(LogLineMain.MESSAGE)).findFirst().orElseThrow();
    assertThat(line)
        .doesNotStartWith("{")
        .endsWith(
            LogLineMain.MESSAGE
                + " command="
                + LogLineMain.COMMAND_ID
                + " appid="
                + LogLineMain.APPID
                + " trace="
                + LogLineMain.TRACE_ID);
    assertThat(lines.stream().filter(l -> l.contains(LogLineMain.AFTER)).findFirst().orElseThrow())
        .endsWith(LogLineMain.AFTER);
  }

  private static List<String> run(Map<String, String> env) throws Exception {
    try (ChildJvm jvm = ChildJvm.start(LogLineMain.class, env)) {
      assertThat(jvm.waitFor(30)).isZero();
      return jvm.output().lines().toList();
    }
  }
}
