package io.wxrelay.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md shows the worker's meters as {@link WorkerMeters} defines them. Regenerate:
 * {@code ./mvnw -pl send-worker test -Dtest=MetricsDocTest -DupdateDocs=true}.
 */
class MetricsDocTest {
  private static final Path DOC = Path.of("..", "docs", "metrics.md");
  private static final String BEGIN = "<!-- send-worker meters: generated from WorkerMeters -->\n";
  private static final String END = "<!-- end send-worker meters -->";

  @Test
  void docsMetricsListsEveryWorkerMeter() throws Exception {
    String doc = Files.readString(DOC);
    String expected = BEGIN + WorkerMeters.markdown() + END;
    if (Boolean.getBoolean("updateDocs")) {
      Files.writeString(
          DOC,
          doc.substring(0, doc.indexOf(BEGIN))
              + expected
              + doc.substring(doc.indexOf(END) + END.length()));
    }
    assertThat(Files.readString(DOC)).as("regenerate with -DupdateDocs=true").contains(expected);
  }
}
