package io.wxrelay.kit.config;

import io.wxrelay.schemas.Topic;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a service reaches Kafka, and how the topics it creates are laid out.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}, default {@value #DEFAULT_BOOTSTRAP}
 * @param replicationFactor {@code KAFKA_REPLICATION_FACTOR} for topics the service creates, with
 *     {@code min.insync.replicas} one below it (2 of 3); unset, the broker's own {@code
 *     default.replication.factor} and {@code min.insync.replicas} apply (1 on the local broker, 3
 *     and 2 on the local cluster)
 * @param partitions each topic's partition count when the service creates it: {@code
 *     WXRELAY_TOPIC_<TOPIC>_PARTITIONS} (e.g. {@code WXRELAY_TOPIC_COMMANDS_PARTITIONS=24}), else
 *     {@link Topic#defaultPartitions}. A topic's partitions are the ceiling of consumers that share
 *     its work: a seventh worker on six partitions idles
 * @param groupProtocol {@code KAFKA_GROUP_PROTOCOL}: how consumer groups share partitions ({@code
 *     eager}, {@code cooperative} or {@code consumer}; default {@code cooperative})
 * @param overrides client properties: the entries of the properties file {@code
 *     KAFKA_CLIENT_CONFIG_FILE} names (as Kafka's {@code --command-config}: where a SASL password
 *     belongs), then every {@code KAFKA_CLIENT_*} variable, which wins over the file: {@code
 *     KAFKA_CLIENT_SECURITY_PROTOCOL=SSL} becomes {@code security.protocol=SSL}
 */
public record KafkaSettings(
    String bootstrapServers,
    Optional<Short> replicationFactor,
    Map<Topic, Integer> partitions,
    GroupProtocol groupProtocol,
    Map<String, String> overrides) {
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
  static final String OVERRIDE_PREFIX = "KAFKA_CLIENT_";
  static final String DEFAULT_GROUP_PROTOCOL = "cooperative";

  /** Kafka allows more, but a partition costs broker memory and file handles; 1,000 is plenty. */
  static final int MAX_PARTITIONS = 1000;

  public KafkaSettings {
    EnumMap<Topic, Integer> all = new EnumMap<>(Topic.class);
    for (Topic topic : Topic.values()) {
      all.put(topic, partitions.getOrDefault(topic, topic.defaultPartitions()));
    }
    partitions = Map.copyOf(all);
    overrides = Map.copyOf(overrides);
    if (overrides.containsKey("group.protocol")) {
      throw new ConfigException(
          OVERRIDE_PREFIX + "GROUP_PROTOCOL", "is set by KAFKA_GROUP_PROTOCOL; use that instead");
    }
    if (groupProtocol == GroupProtocol.CONSUMER) {
      for (String property : GroupProtocol.BROKER_OWNED) {
        if (overrides.containsKey(property)) {
          throw new ConfigException(
              OVERRIDE_PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_'),
              "does not apply with KAFKA_GROUP_PROTOCOL=consumer, where the broker sets it"
                  + " (group.consumer.* settings)");
        }
      }
    }
  }

  public static KafkaSettings fromEnv(Env env) {
    Map<String, String> overrides = new TreeMap<>();
    env.optional(ClientConfigFile.VARIABLE)
        .ifPresent(file -> overrides.putAll(ClientConfigFile.read(Path.of(file))));
    env.withPrefix(OVERRIDE_PREFIX)
        .forEach(
            (name, value) -> {
              if (!name.equals(ClientConfigFile.VARIABLE)) {
                String property =
                    name.substring(OVERRIDE_PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                overrides.put(property, value);
              }
            });
    Map<Topic, Integer> partitions = new EnumMap<>(Topic.class);
    for (Topic topic : Topic.values()) {
      partitions.put(
          topic, env.integer(partitionsVar(topic), topic.defaultPartitions(), 1, MAX_PARTITIONS));
    }
    return new KafkaSettings(
        env.string("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP),
        env.optional("KAFKA_REPLICATION_FACTOR")
            .map(v -> (short) env.integer("KAFKA_REPLICATION_FACTOR", 1, 1, 7)),
        partitions,
        GroupProtocol.fromSetting(
            "KAFKA_GROUP_PROTOCOL", env.string("KAFKA_GROUP_PROTOCOL", DEFAULT_GROUP_PROTOCOL)),
        overrides);
  }

  /**
   * The variable that sets a topic's partition count, e.g. {@code
   * WXRELAY_TOPIC_COMMANDS_PARTITIONS}.
   */
  public static String partitionsVar(Topic topic) {
    return topic.envVar() + "_PARTITIONS";
  }

  /** The partition count {@code topic} is created with. */
  public int partitionsOf(Topic topic) {
    return partitions.get(topic);
  }
}
