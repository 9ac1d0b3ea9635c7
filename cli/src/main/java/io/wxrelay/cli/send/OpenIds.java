package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The OpenIDs of a {@code --to a,b} or a {@code --to @file} (one OpenID a line). */
final class OpenIds {
  private OpenIds() {}

  /** {@code to} as given, or the lines of the file it names with {@code @}; blank lines skipped. */
  static List<String> of(List<String> to) {
    if (to.size() != 1 || !to.get(0).startsWith("@")) {
      return to;
    }
    Path file = Path.of(to.get(0).substring(1));
    try {
      return Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new CliError("cannot read the OpenIDs of --to from " + file);
    }
  }
}
