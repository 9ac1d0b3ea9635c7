package io.wxrelay.cli.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * What a material command's response says, for people: the count as a table of kind, count, cap and
 * share used; a page's items; an upload's library (how close the account is to its cap).
 */
final class MaterialLines {
  private MaterialLines() {}

  /** wechat.material.count: one row per kind the worker compared with its cap. */
  static List<String> counted(JsonNode response) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-6s %10s %10s %7s", "kind", "count", "cap", "used"));
    response
        .path("libraries")
        .forEach(library -> lines.add(formatted("%-6s %,10d %,10d %6.1f%%", library)));
    return lines;
  }

  /** wechat.material.list: the page's items and where the next page starts. */
  static List<String> page(JsonNode response) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%,d items of %,d",
            response.path("item_count").asLong(), response.path("total_count").asLong()));
    response
        .path("item")
        .forEach(
            item ->
                lines.add(
                    String.format(
                        "%-44s %-12d %s",
                        item.path("media_id").asString(""),
                        item.path("update_time").asLong(),
                        item.path("name").asString(""))));
    return lines;
  }

  /** An upload that made permanent material: its kind's count against the cap; else nothing. */
  static List<String> library(JsonNode response) {
    JsonNode library = response.path("library");
    if (!library.isObject()) {
      return List.of();
    }
    return List.of(formatted("library: %s %,d of %,d (%.1f%% used)", library));
  }

  /** {@code pattern} filled with the library's kind, count, cap and percentage used. */
  private static String formatted(String pattern, JsonNode library) {
    long count = library.path("count").asLong();
    long cap = library.path("cap").asLong();
    double used = cap == 0 ? 0 : 100.0 * count / cap;
    return String.format(Locale.ROOT, pattern, library.path("kind").asString(""), count, cap, used);
  }
}
