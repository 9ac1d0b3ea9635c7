package io.wxrelay.kit.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a service reaches Kafka.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}, default {@value #DEFAULT_BOOTSTRAP}
 * @param replicationFactor {@code KAFKA_REPLICATION_FACTOR} for topics the service creates, default
 *     1 (the single-node broker); use 3 in production
 * @param overrides every {@code KAFKA_CLIENT_*} variable as a client property: {@code
 *     KAFKA_CLIENT_SECURITY_PROTOCOL=SSL} becomes {@code security.protocol=SSL}
 */
public record KafkaSettings(
    String bootstrapServers, short replicationFactor, Map<String, String> overrides) {
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
  static final String OVERRIDE_PREFIX = "KAFKA_CLIENT_";

  public KafkaSettings {
    overrides = Map.copyOf(overrides);
  }

  public static KafkaSettings fromEnv(Env env) {
    Map<String, String> overrides = new TreeMap<>();
    env.values()
        .forEach(
            (name, value) -> {
              if (name.startsWith(OVERRIDE_PREFIX) && value != null && !value.isBlank()) {
                String property =
                    name.substring(OVERRIDE_PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                overrides.put(property, value.trim());
              }
            });
    return new KafkaSettings(
        env.string("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP),
        (short) env.integer("KAFKA_REPLICATION_FACTOR", 1, 1, 7),
        overrides);
  }
}
