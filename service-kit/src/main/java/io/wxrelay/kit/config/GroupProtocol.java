package io.wxrelay.kit.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a consumer group shares partitions when members join and leave ({@code
 * KAFKA_GROUP_PROTOCOL}); {@code bench/scale-out.sh} measures each, and decision 0019 says why the
 * default is the one it is.
 */
public enum GroupProtocol {
  /**
   * The classic protocol with the eager range assignor: every member gives up every partition at
   * each rebalance, and all of them wait for the slowest to finish its records.
   */
  EAGER(
      Map.of(
          "group.protocol", "classic",
          "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor")),
  /**
   * The classic protocol with the cooperative-sticky assignor: only the partitions that move are
   * given up, in two rounds; the others keep running.
   */
  COOPERATIVE(
      Map.of(
          "group.protocol", "classic",
          "partition.assignment.strategy",
              "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")),
  /**
   * KIP-848's protocol ({@code group.protocol=consumer}, Kafka 4.0 brokers and later): the broker
   * assigns, incrementally, through heartbeats; no group-wide barrier. Its session timeout and
   * heartbeat interval are the broker's ({@code group.consumer.session.timeout.ms}, {@code
   * group.consumer.heartbeat.interval.ms}), not the client's.
   */
  CONSUMER(Map.of("group.protocol", "consumer"));

  /** Client settings the {@link #CONSUMER} protocol refuses: the broker owns them. */
  public static final Set<String> BROKER_OWNED =
      Set.of("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy");

  private final Map<String, String> properties;

  GroupProtocol(Map<String, String> properties) {
    this.properties = properties;
  }

  /** The consumer properties that select this protocol. */
  public Map<String, String> properties() {
    return properties;
  }

  /**
   * Its name in {@code KAFKA_GROUP_PROTOCOL}: {@code eager}, {@code cooperative}, {@code consumer}.
   */
  public String settingName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code KAFKA_GROUP_PROTOCOL}; a {@link ConfigException} names the allowed values. */
  public static GroupProtocol fromSetting(String variable, String value) {
    for (GroupProtocol protocol : values()) {
      if (protocol.settingName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return protocol;
      }
    }
    throw new ConfigException(
        variable, "is eager, cooperative or consumer, not '" + value.trim() + "'");
  }
}
