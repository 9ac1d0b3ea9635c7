package io.wxrelay.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The section of docs/metrics.md that a service's meter catalogue generates, between {@code <!--
 * <service> meters: generated from <Catalogue> -->} and {@code <!-- end <service> meters -->}. Each
 * module's {@code MetricsDocTest} checks it; {@code -DupdateDocs=true} rewrites it.
 */
public final class MetricsDocSection {
  private static final Path DOC = Path.of("..", "docs", "metrics.md");

  private MetricsDocSection() {}

  /**
   * Fails unless the section of {@code service} holds exactly {@code table}.
   *
   * @param catalogue the catalogue's class name, as the opening marker names it
   */
  public static void verify(String service, String catalogue, String table) throws IOException {
    String begin = "<!-- " + service + " meters: generated from " + catalogue + " -->\n";
    String end = "<!-- end " + service + " meters -->";
    String expected = begin + table + end;
    String doc = Files.readString(DOC);
    if (Boolean.getBoolean("updateDocs")) {
      int from = doc.indexOf(begin);
      int to = doc.indexOf(end);
      if (from < 0 || to < 0) {
        throw new AssertionError("docs/metrics.md has no markers for " + service);
      }
      doc = doc.substring(0, from) + expected + doc.substring(to + end.length());
      Files.writeString(DOC, doc);
    }
    if (!doc.contains(expected)) {
      throw new AssertionError(
          "docs/metrics.md is stale for "
              + service
              + "; regenerate: ./mvnw -pl "
              + service
              + " test -Dtest=MetricsDocTest -DupdateDocs=true");
    }
  }
}
