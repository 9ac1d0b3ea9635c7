package io.wxrelay.kit.config;

import io.wxrelay.schemas.Topic;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads from an environment map, the one way services read configuration. Blank values count
 * as unset. Every error is a {@link ConfigException} naming the variable; values of variables
 * flagged secret are never echoed.
 *
 * <p>Every read goes through {@link #optional} by name (there is no bulk access to the values), so
 * a {@linkplain #recording recording} Env knows every variable a reader looked at: the deployment
 * checks compare that with the variables a manifest sets.
 */
public final class Env {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final Map<String, String> values;

  private final boolean recording;

  /** The names read so far, in the order first read; kept only when recording. */
  private final Set<String> read = Collections.synchronizedSet(new LinkedHashSet<>());

  private Env(Map<String, String> values, boolean recording) {
    this.values = Map.copyOf(values);
    this.recording = recording;
  }

  /** Reads from {@code values}, e.g. {@code System.getenv()} or a test's literal map. */
  public static Env of(Map<String, String> values) {
    return new Env(Objects.requireNonNull(values, "values"), false);
  }

  /**
   * As {@link #of}, and remembers the name of every variable read, set or not: {@link #namesRead}.
   */
  public static Env recording(Map<String, String> values) {
    return new Env(Objects.requireNonNull(values, "values"), true);
  }

  /** The names read so far, in the order first read; only for an Env made by {@link #recording}. */
  public Set<String> namesRead() {
    if (!recording) {
      throw new IllegalStateException("this Env does not record its reads: use Env.recording");
    }
    synchronized (read) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(read));
    }
  }

  /** The raw value, if set and not blank. */
  public Optional<String> optional(String name) {
    if (recording) {
      read.add(name);
    }
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new ConfigException(name, "is required but not set"));
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be an integer, is '" + raw.get() + "'");
    }
    if (value < min || value > max) {
      throw new ConfigException(name, "must be between " + min + " and " + max + ", is " + value);
    }
    return value;
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(name, "must be true or false, is '" + raw.get() + "'");
    };
  }

  /**
   * A duration written as a number and a unit: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h},
   * {@code 1d}.
   */
  public Duration duration(String name, Duration defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(raw.get());
    if (!m.matches()) {
      throw new ConfigException(
          name, "must be a duration like 250ms, 5s, 2m, 1h or 1d, is '" + raw.get() + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** A URI with one of the given schemes; the value is not echoed (URLs may carry passwords). */
  public URI uri(String name, String defaultValue, String... schemes) {
    String raw = string(name, defaultValue);
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(name, "is not a valid URI");
    }
    for (String scheme : schemes) {
      if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
        return uri;
      }
    }
    throw new ConfigException(
        name, "must be a " + String.join(" or ", schemes) + " URL with a host");
  }

  /** A TCP port, 0 meaning "any free port". */
  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 0, 65535);
  }

  /**
   * Every variable whose name starts with {@code prefix} and that is set and not blank, by name
   * (sorted), for settings that pass a whole prefix through (e.g. Kafka client overrides). Each
   * name returned is read as by {@link #optional}.
   */
  public SortedMap<String, String> withPrefix(String prefix) {
    SortedMap<String, String> found = new TreeMap<>();
    for (String name : values.keySet()) {
      if (name.startsWith(prefix)) {
        optional(name).ifPresent(value -> found.put(name, value));
      }
    }
    return found;
  }

  /** The name of {@code topic} here: {@code WXRELAY_TOPIC_<TOPIC>} if set, else its default. */
  public String topicName(Topic topic) {
    return string(topic.envVar(), topic.defaultName());
  }
}
