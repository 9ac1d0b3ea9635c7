package io.wxrelay.token.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md shows token-service's meters exactly as {@link TokenMeters} defines them. To
 * regenerate: {@code ./mvnw -pl token-service test -Dtest=MetricsDocTest -DupdateDocs=true}.
 */
class MetricsDocTest {
  private static final Path DOC = Path.of("..", "docs", "metrics.md");
  private static final String BEGIN = "<!-- token-service meters: generated from TokenMeters -->\n";
  private static final String END = "<!-- end token-service meters -->";

  @Test
  void docsMetricsListsEveryTokenServiceMeter() throws Exception {
    String doc = Files.readString(DOC);
    int from = doc.indexOf(BEGIN);
    int to = doc.indexOf(END);
    String expected = BEGIN + TokenMeters.markdown() + END;
    if (Boolean.getBoolean("updateDocs")) {
      doc = doc.substring(0, from) + expected + doc.substring(to + END.length());
      Files.writeString(DOC, doc);
    }
    assertThat(Files.readString(DOC)).as("regenerate with -DupdateDocs=true").contains(expected);
  }
}
