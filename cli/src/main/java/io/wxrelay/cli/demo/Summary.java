package io.wxrelay.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The demo's closing table: what, what was observed, and where it was observed. */
final class Summary {
  private record Row(String what, String observed, String source) {}

  private final List<Row> rows = new ArrayList<>();

  void row(String what, String observed, String source) {
    rows.add(new Row(what, observed, source));
  }

  void print(PrintWriter out) {
    int w = rows.stream().mapToInt(r -> r.what().length()).max().orElse(4);
    int o = rows.stream().mapToInt(r -> r.observed().length()).max().orElse(8);
    String format = "  %-" + w + "s  %-" + o + "s  %s%n";
    out.printf(format, "WHAT", "OBSERVED", "WHERE");
    for (Row r : rows) {
      out.printf(format, r.what(), r.observed(), r.source());
    }
  }
}
