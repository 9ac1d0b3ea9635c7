package io.wxrelay.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Kafka broker (or cluster) for an integration test.
 *
 * @param bootstrapServers what to put in {@code bootstrap.servers}
 * @param origin where it came from, for messages ("KAFKA_BOOTSTRAP_SERVERS", "Testcontainers")
 * @param replicationFactor of the topics tests create on it ({@code min.insync.replicas} one below)
 */
public record KafkaEndpoint(String bootstrapServers, String origin, short replicationFactor) {

  /** A single broker: topics with one replica. */
  public KafkaEndpoint(String bootstrapServers, String origin) {
    this(bootstrapServers, origin, (short) 1);
  }

  /** Admin client properties for this broker. */
  public Properties adminProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return props;
  }

  /**
   * Creates a topic with a unique name (tests never share topics, so they can run against a
   * long-lived broker) and returns its name.
   */
  public String createUniqueTopic(String prefix, int partitions) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(adminProperties())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(name, partitions, replicationFactor)
                      .configs(
                          Map.of(
                              "min.insync.replicas",
                              Integer.toString(Math.max(1, replicationFactor - 1))))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name + " on " + this, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return name;
  }

  /** Fails unless the broker answers a metadata request within {@code timeout}. */
  void verifyReachable(Duration timeout) {
    try (Admin admin = Admin.create(adminProperties())) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at "
              + bootstrapServers
              + " (from "
              + origin
              + ") does not answer: "
              + e
              + ". "
              + Infrastructure.HOW_TO_START,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return bootstrapServers + " (" + origin + ")";
  }
}
