package io.wxrelay.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds the real Kafka and Redis an integration test runs against, once per JVM: the addresses in
 * {@code KAFKA_BOOTSTRAP_SERVERS} / {@code REDIS_URL}; else Testcontainers when a Docker engine
 * answers; else a failure that says how to start them. Never a silent skip.
 */
final class Infrastructure {
  static final String KAFKA_VAR = "KAFKA_BOOTSTRAP_SERVERS";
  static final String REDIS_VAR = "REDIS_URL";
  static final String HOW_TO_START =
      "Start them with 'scripts/kafka.sh start' and 'scripts/redis.sh start', then export "
          + KAFKA_VAR
          + "=127.0.0.1:9092 and "
          + REDIS_VAR
          + "=<the URL redis.sh printed>; or run 'scripts/test.sh', which does all of it.";

  private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
  private static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.1");
  private static final DockerImageName REDIS_IMAGE = DockerImageName.parse("redis:7.4-alpine");

  private static KafkaEndpoint kafka;
  private static RedisEndpoint redis;

  private Infrastructure() {}

  static synchronized KafkaEndpoint kafka(Map<String, String> env) {
    if (kafka == null) {
      kafka =
          resolve(
              env,
              KAFKA_VAR,
              v -> new KafkaEndpoint(v, KAFKA_VAR, replicationFactor(env)),
              Infrastructure::kafkaContainer);
      kafka.verifyReachable(Duration.ofSeconds(20));
      log.info("integration tests use Kafka at {}", kafka);
    }
    return kafka;
  }

  /** Topics tests create: {@code KAFKA_REPLICATION_FACTOR} (3 on a local cluster), else 1. */
  private static short replicationFactor(Map<String, String> env) {
    String value = env.getOrDefault("KAFKA_REPLICATION_FACTOR", "1").strip();
    try {
      return Short.parseShort(value.isEmpty() ? "1" : value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "KAFKA_REPLICATION_FACTOR must be a number of replicas, is '" + value + "'", e);
    }
  }

  static synchronized RedisEndpoint redis(Map<String, String> env) {
    if (redis == null) {
      redis =
          resolve(
              env,
              REDIS_VAR,
              v -> new RedisEndpoint(URI.create(v), REDIS_VAR),
              Infrastructure::redisContainer);
      redis.verifyReachable();
      log.info("integration tests use Redis at {}", redis);
    }
    return redis;
  }

  private static <T> T resolve(
      Map<String, String> env,
      String variable,
      Function<String, T> fromEnv,
      Supplier<T> fromContainer) {
    String value = env.get(variable);
    if (value != null && !value.isBlank()) {
      return fromEnv.apply(value.trim());
    }
    if (dockerAvailable()) {
      return fromContainer.get();
    }
    throw new IllegalStateException(
        variable + " is not set and no Docker engine answers for Testcontainers. " + HOW_TO_START);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
  private static KafkaEndpoint kafkaContainer() {
    KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
    container.start();
    return new KafkaEndpoint(container.getBootstrapServers(), "Testcontainers " + KAFKA_IMAGE);
  }

  @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
  private static RedisEndpoint redisContainer() {
    GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
    container.start();
    URI url = URI.create("redis://" + container.getHost() + ":" + container.getMappedPort(6379));
    return new RedisEndpoint(url, "Testcontainers " + REDIS_IMAGE);
  }
}
