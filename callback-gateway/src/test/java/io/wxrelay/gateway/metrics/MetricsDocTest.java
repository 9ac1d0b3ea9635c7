package io.wxrelay.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md shows the gateway's meters as {@link GatewayMeters} defines them. Regenerate:
 * {@code ./mvnw -pl callback-gateway test -Dtest=MetricsDocTest -DupdateDocs=true}.
 */
class MetricsDocTest {
  private static final Path DOC = Path.of("..", "docs", "metrics.md");
  private static final String BEGIN =
      "<!-- callback-gateway meters: generated from GatewayMeters -->\n";
  private static final String END = "<!-- end callback-gateway meters -->";

  @Test
  void docsMetricsListsEveryGatewayMeter() throws Exception {
    String doc = Files.readString(DOC);
    String expected = BEGIN + GatewayMeters.markdown() + END;
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
