package io.wxrelay.kit.kafka;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.schemas.Topic;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code java ... io.wxrelay.kit.kafka.CreateTopics}: creates every wxrelay topic that is missing
 * on {@code KAFKA_BOOTSTRAP_SERVERS} and prints each topic's name. Used by {@code scripts/up.sh}.
 */
public final class CreateTopics {
  private CreateTopics() {}

  public static void main(String[] args) {
    Env env = Env.of(System.getenv());
    KafkaSettings settings = KafkaSettings.fromEnv(env);
    Map<Topic, String> names = new EnumMap<>(Topic.class);
    for (Topic topic : Topic.values()) {
      names.put(topic, env.topicName(topic));
    }
    try (Admin admin = KafkaClients.unmetered(settings).admin("wxrelay-topics")) {
      List<String> created = TopicProvisioner.of(admin, settings).ensure(names);
      for (Topic topic : Topic.values()) {
        String name = names.get(topic);
        System.out.printf(
            "  %-24s %2d partitions, replication factor %s, key: %s%s%n",
            name,
            settings.partitionsOf(topic),
            settings.replicationFactor().map(String::valueOf).orElse("of the broker"),
            topic.key(),
            created.contains(name) ? " (created)" : "");
      }
    }
  }
}
