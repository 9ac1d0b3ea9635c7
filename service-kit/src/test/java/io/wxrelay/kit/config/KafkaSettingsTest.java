package io.wxrelay.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.Topic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void eachTopicsPartitionsAreASettingAndDefaultToTheTopics() {
    KafkaSettings settings =
        KafkaSettings.fromEnv(Env.of(Map.of("WXRELAY_TOPIC_COMMANDS_PARTITIONS", "24")));

    assertThat(settings.partitionsOf(Topic.COMMANDS)).isEqualTo(24);
    assertThat(settings.partitionsOf(Topic.COMMANDS_DLQ))
        .isEqualTo(Topic.COMMANDS_DLQ.defaultPartitions());
    assertThat(KafkaSettings.partitionsVar(Topic.COMMANDS_RETRY))
        .isEqualTo("WXRELAY_TOPIC_COMMANDS_RETRY_PARTITIONS");
  }

  @Test
  void aPartitionCountThatIsNotOneIsRefusedNamingItsVariable() {
    assertThatThrownBy(
            () -> KafkaSettings.fromEnv(Env.of(Map.of("WXRELAY_TOPIC_EVENTS_PARTITIONS", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("WXRELAY_TOPIC_EVENTS_PARTITIONS");
  }

  @Test
  void withoutAReplicationFactorTheBrokersDefaultApplies() {
    assertThat(KafkaSettings.fromEnv(Env.of(Map.of())).replicationFactor()).isEmpty();
  }

  @Test
  void theGroupProtocolIsCooperativeUnlessSet() {
    assertThat(KafkaSettings.fromEnv(Env.of(Map.of())).groupProtocol())
        .isEqualTo(GroupProtocol.COOPERATIVE);
    KafkaSettings eager = KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_GROUP_PROTOCOL", "Eager")));
    assertThat(eager.groupProtocol().properties())
        .containsEntry("group.protocol", "classic")
        .containsEntry(
            "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
    assertThat(
            KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_GROUP_PROTOCOL", "consumer")))
                .groupProtocol()
                .properties())
        .containsExactly(Map.entry("group.protocol", "consumer"));
  }

  @Test
  void anUnknownGroupProtocolIsRefusedWithTheChoices() {
    assertThatThrownBy(
            () -> KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_GROUP_PROTOCOL", "sticky"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("KAFKA_GROUP_PROTOCOL: is eager, cooperative or consumer, not 'sticky'");
  }

  @Test
  void theConsumerProtocolRefusesTheSettingsTheBrokerOwns() {
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnv(
                    Env.of(
                        Map.of(
                            "KAFKA_GROUP_PROTOCOL", "consumer",
                            "KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("KAFKA_CLIENT_SESSION_TIMEOUT_MS: does not apply");
    // A blank value is unset: a test or a compose file can take a setting back.
    assertThat(
            KafkaSettings.fromEnv(
                    Env.of(
                        Map.of(
                            "KAFKA_GROUP_PROTOCOL", "consumer",
                            "KAFKA_CLIENT_SESSION_TIMEOUT_MS", "")))
                .overrides())
        .isEmpty();
  }

  @Test
  void theGroupProtocolIsNotAClientOverride() {
    assertThatThrownBy(
            () -> KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_CLIENT_GROUP_PROTOCOL", "consumer"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "KAFKA_CLIENT_GROUP_PROTOCOL: is set by KAFKA_GROUP_PROTOCOL; use that instead");
  }
}
