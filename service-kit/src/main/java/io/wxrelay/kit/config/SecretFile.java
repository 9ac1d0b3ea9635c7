package io.wxrelay.kit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A value kept in a file a variable names (a mounted Kubernetes or Compose secret), so that it
 * stays out of the process environment. Errors name the variable and the file, never the content.
 */
public final class SecretFile {
  private SecretFile() {}

  /** The file's first line, stripped; it must not be blank. */
  public static String firstLine(String variable, Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          variable, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    String line = text.lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      throw new ConfigException(variable, "file " + file + " is empty");
    }
    return line;
  }
}
