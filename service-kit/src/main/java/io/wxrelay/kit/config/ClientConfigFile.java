package io.wxrelay.kit.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code KAFKA_CLIENT_CONFIG_FILE}: a Java properties file of Kafka client properties, as Kafka's
 * own tools take with {@code --command-config}, so that a SASL password or a keystore password sits
 * in a file (mode 0600) rather than in an environment variable. Errors name the file, never a value
 * in it.
 */
public final class ClientConfigFile {
  /** The variable that names the file. */
  public static final String VARIABLE = "KAFKA_CLIENT_CONFIG_FILE";

  private ClientConfigFile() {}

  /** The file's entries (blank values left out, values trimmed), sorted by property. */
  public static Map<String, String> read(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      // The exception's type only: a parse error's message may quote the file's text.
      throw new ConfigException(
          VARIABLE, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    Map<String, String> entries = new TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      String value = props.getProperty(name);
      if (!value.isBlank()) {
        entries.put(name.trim(), value.trim());
      }
    }
    return entries;
  }
}
