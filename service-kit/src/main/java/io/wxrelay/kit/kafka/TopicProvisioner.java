package io.wxrelay.kit.kafka;

import io.wxrelay.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates wxrelay's topics that do not exist yet, with their partition counts and retention from
 * {@link Topic}; leaves existing topics as they are. The broker's auto-create stays off.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final short replicationFactor;

  public TopicProvisioner(Admin admin, short replicationFactor) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
  }

  /**
   * Ensures every topic exists under its name in {@code env}; returns the names it created.
   *
   * @param topics the topics a service needs
   * @param env where topic names may be overridden ({@link Topic#nameIn})
   */
  public List<String> ensure(Collection<Topic> topics, Map<String, String> env) {
    Map<Topic, String> names = new java.util.EnumMap<>(Topic.class);
    topics.forEach(t -> names.put(t, t.nameIn(env)));
    return ensure(names);
  }

  /** Ensures every topic exists under the name it maps to; returns the names it created. */
  public List<String> ensure(Map<Topic, String> names) {
    try {
      Set<String> existing =
          admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing =
          names.entrySet().stream()
              .filter(e -> !existing.contains(e.getValue()))
              .map(e -> newTopic(e.getKey(), e.getValue()))
              .toList();
      List<String> created = new ArrayList<>();
      if (!missing.isEmpty()) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (NewTopic topic : missing) {
          if (createdNow(results.get(topic.name()))) {
            created.add(topic.name());
            log.info("created topic {} ({} partitions)", topic.name(), topic.numPartitions());
          }
        }
      }
      awaitVisible(names.values());
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create wxrelay's topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until the broker describes every topic: a creation completes at the controller, and a
   * broker's metadata follows a moment later; a caller that describes or assigns a topic right
   * after {@link #ensure} must find it.
   */
  private void awaitVisible(Collection<String> topics)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Waits for one creation; false when another process created the topic first (services started
   * together race for the same topics, and the loser has nothing left to do).
   */
  private static boolean createdNow(KafkaFuture<Void> creation)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw e;
    }
  }

  private NewTopic newTopic(Topic topic, String name) {
    return new NewTopic(name, topic.defaultPartitions(), replicationFactor)
        .configs(
            Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(Math.max(1, replicationFactor - 1))));
  }
}
