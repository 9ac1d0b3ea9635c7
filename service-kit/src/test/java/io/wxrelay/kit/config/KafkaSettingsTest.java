package io.wxrelay.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {
  @TempDir Path dir;

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

  @Test
  void theClientConfigFilesEntriesAreClientPropertiesAndVariablesWinOverThem() throws IOException {
    Path file = dir.resolve("gateway.properties");
    Files.writeString(
        file,
        """
        # as Kafka's --command-config
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-512
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
          username="gateway" password="s3cret";
        ssl.truststore.type=PKCS12
        linger.ms=
        """);

    KafkaSettings settings =
        KafkaSettings.fromEnv(
            Env.of(
                Map.of(
                    "KAFKA_CLIENT_CONFIG_FILE",
                    file.toString(),
                    "KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE",
                    "JKS")));

    assertThat(settings.overrides())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"gateway\" password=\"s3cret\";")
        .containsEntry("ssl.truststore.type", "JKS") // the variable wins
        .doesNotContainKey("linger.ms") // blank is unset, as for a variable
        .doesNotContainKey("config.file"); // the variable naming the file is no property
  }

  @Test
  void aClientConfigFileThatCannotBeReadIsRefusedNamingTheFileButNoValue() throws IOException {
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnv(
                    Env.of(Map.of("KAFKA_CLIENT_CONFIG_FILE", missing.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("KAFKA_CLIENT_CONFIG_FILE: cannot read " + missing + " (NoSuchFileException)");

    Path broken = dir.resolve("broken.properties");
    Files.writeString(broken, "sasl.jaas.config=password=\\uZZZZ-top-secret\n");
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnv(
                    Env.of(Map.of("KAFKA_CLIENT_CONFIG_FILE", broken.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(broken.toString())
        .hasMessageNotContaining("top-secret");
  }

  @Test
  void withoutAClientConfigFileOnlyTheVariablesAreClientProperties() {
    assertThat(
            KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL")))
                .overrides())
        .containsExactly(Map.entry("security.protocol", "SSL"));
  }
}
