package io.wxrelay.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.Topic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  @Test
  void unsetAndBlankVariablesFallBackToTheirDefaults() {
    Env env = Env.of(Map.of("BLANK", "  "));

    assertThat(env.string("BLANK", "d")).isEqualTo("d");
    assertThat(env.integer("MISSING", 7, 0, 10)).isEqualTo(7);
    assertThat(env.duration("MISSING", Duration.ofSeconds(3))).hasSeconds(3);
    assertThat(env.bool("MISSING", true)).isTrue();
  }

  @Test
  void durationsCarryTheirUnit() {
    Env env = Env.of(Map.of("A", "250ms", "B", "5s", "C", "2m", "D", "1h", "E", "1d"));

    assertThat(env.duration("A", null)).isEqualTo(Duration.ofMillis(250));
    assertThat(env.duration("B", null)).isEqualTo(Duration.ofSeconds(5));
    assertThat(env.duration("C", null)).isEqualTo(Duration.ofMinutes(2));
    assertThat(env.duration("D", null)).isEqualTo(Duration.ofHours(1));
    assertThat(env.duration("E", null)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void everyErrorNamesTheVariable() {
    Env env = Env.of(Map.of("PORT", "http", "N", "99", "T", "5 seconds", "B", "maybe"));

    assertThatThrownBy(() -> env.port("PORT", 1))
        .hasMessageStartingWith("PORT: must be an integer");
    assertThatThrownBy(() -> env.integer("N", 1, 1, 10))
        .hasMessage("N: must be between 1 and 10, is 99");
    assertThatThrownBy(() -> env.duration("T", null))
        .hasMessageStartingWith("T: must be a duration");
    assertThatThrownBy(() -> env.bool("B", false))
        .hasMessageStartingWith("B: must be true or false");
    assertThatThrownBy(() -> env.required("SECRET"))
        .hasMessage("SECRET: is required but not set")
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.variable()).isEqualTo("SECRET"));
  }

  @Test
  void aBadRedisUrlIsRefusedWithoutEchoingItsPassword() {
    Env env = Env.of(Map.of("REDIS_URL", "http://user:hunter2@cache:6379"));

    assertThatThrownBy(() -> RedisSettings.fromEnv(env))
        .hasMessageStartingWith("REDIS_URL: must be a redis or rediss URL")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void redisSettingsDescribeThemselvesWithoutThePassword() {
    RedisSettings settings =
        RedisSettings.fromEnv(Env.of(Map.of("REDIS_URL", "redis://app:hunter2@cache:6380/2")));

    assertThat(settings.describe()).isEqualTo("redis://cache:6380");
    assertThat(settings.maxConnections()).isEqualTo(32);
  }

  @Test
  void kafkaClientOverridesComeFromPrefixedVariables() {
    KafkaSettings settings =
        KafkaSettings.fromEnv(
            Env.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                    "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                    "KAFKA_REPLICATION_FACTOR", "3")));

    assertThat(settings.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(settings.overrides()).containsEntry("security.protocol", "SSL");
    assertThat(settings.replicationFactor()).contains((short) 3);
  }

  @Test
  void aRecordingEnvKnowsEveryNameReadSetOrNot() {
    Env env = Env.recording(Map.of("A", "1", "B", "5s", "UNREAD", "x"));

    env.integer("A", 0, 0, 9);
    env.duration("B", Duration.ZERO);
    env.bool("MISSING", false);
    env.uri("URL", "redis://cache:6379", "redis");

    assertThat(env.namesRead()).containsExactly("A", "B", "MISSING", "URL");
  }

  @Test
  void onlyARecordingEnvTellsWhatWasRead() {
    assertThatThrownBy(() -> Env.of(Map.of()).namesRead())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPrefixReadReturnsAndRecordsTheSetVariablesUnderIt() {
    Env env =
        Env.recording(
            Map.of(
                "KAFKA_CLIENT_B", " 2 ", "KAFKA_CLIENT_A", "1", "KAFKA_CLIENT_C", " ", "X", "3"));

    assertThat(env.withPrefix("KAFKA_CLIENT_"))
        .containsExactly(Map.entry("KAFKA_CLIENT_A", "1"), Map.entry("KAFKA_CLIENT_B", "2"));
    assertThat(env.namesRead())
        .containsExactlyInAnyOrder("KAFKA_CLIENT_A", "KAFKA_CLIENT_B", "KAFKA_CLIENT_C");
  }

  @Test
  void aTopicIsNamedByItsVariableElseItsDefault() {
    Env env = Env.recording(Map.of("WXRELAY_TOPIC_EVENTS", " tenant.events "));

    assertThat(env.topicName(Topic.EVENTS)).isEqualTo("tenant.events");
    assertThat(env.topicName(Topic.RESULTS)).isEqualTo(Topic.RESULTS.defaultName());
    assertThat(env.namesRead()).containsExactly("WXRELAY_TOPIC_EVENTS", "WXRELAY_TOPIC_RESULTS");
  }

  @Test
  void kafkaSettingsReadTheirPrefixedOverridesByName() {
    Env env = Env.recording(Map.of("KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"));

    KafkaSettings.fromEnv(env);

    assertThat(env.namesRead())
        .contains(
            "KAFKA_CLIENT_SECURITY_PROTOCOL",
            "KAFKA_BOOTSTRAP_SERVERS",
            "KAFKA_CLIENT_CONFIG_FILE");
  }
}
