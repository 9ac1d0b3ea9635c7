package io.wxrelay.kit.metrics;

import java.util.List;

/**
 * One entry of a service's meter catalogue (docs/architecture.md, convention 6): what
 * docs/metrics.md shows.
 *
 * @param name Micrometer's dotted name, e.g. {@code wxrelay.token.refreshes}
 * @param type {@code counter}, {@code gauge}, {@code gauge (seconds)} or {@code timer}
 * @param tags the tag keys, all bounded
 */
public record MeterDoc(String name, String type, List<String> tags, String description) {

  /** The name Prometheus shows, e.g. {@code wxrelay_token_refreshes_total}. */
  public String prometheusName() {
    String base = name.replace('.', '_');
    return switch (type) {
      case "counter" -> base + "_total";
      case "timer", "gauge (seconds)" -> base + "_seconds";
      default -> base;
    };
  }

  /** A Markdown table of {@code meters}, for docs/metrics.md. */
  public static String markdown(List<MeterDoc> meters) {
    StringBuilder out =
        new StringBuilder("| metric (Prometheus) | type | tags | meaning |\n|---|---|---|---|\n");
    for (MeterDoc m : meters) {
      out.append("| `")
          .append(m.prometheusName())
          .append("` | ")
          .append(m.type())
          .append(" | ")
          .append(String.join(", ", m.tags()))
          .append(" | ")
          .append(m.description())
          .append(" |\n");
    }
    return out.toString();
  }
}
