package io.wxrelay.kit.kafka;

import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates wxrelay's topics that do not exist yet, with the configured partition counts and
 * replication factor ({@code min.insync.replicas} one below it) and the retention of {@link Topic};
 * leaves existing topics as they are, and warns when an existing topic has fewer partitions than
 * configured (adding partitions moves keys to other partitions, so that is an operator's decision,
 * never done here). The broker's auto-create stays off.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final Optional<Short> replicationFactor;
  private final Map<Topic, Integer> partitions;

  /** With {@link Topic#defaultPartitions}. */
  public TopicProvisioner(Admin admin, short replicationFactor) {
    this(admin, Optional.of(replicationFactor), Map.of());
  }

  /**
   * With {@code partitions} per topic (a topic missing there gets its default) and {@code
   * replicationFactor} (empty: the broker's default).
   */
  public TopicProvisioner(
      Admin admin, Optional<Short> replicationFactor, Map<Topic, Integer> partitions) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
    this.partitions = Map.copyOf(partitions);
  }

  /** With the layout of {@code settings}: replication factor and partitions per topic. */
  public static TopicProvisioner of(Admin admin, KafkaSettings settings) {
    return new TopicProvisioner(admin, settings.replicationFactor(), settings.partitions());
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

  /**
   * Ensures every topic exists under the name it maps to; returns the names it created. A topic the
   * client's principal may not create (no CREATE permission under the broker's ACLs) and does not
   * see is left to an operator: one warning line, and the service goes on; it fails later, on its
   * own terms, if the topic is indeed missing.
   */
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
      List<String> refused = new ArrayList<>();
      if (!missing.isEmpty()) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (NewTopic topic : missing) {
          switch (creation(results.get(topic.name()))) {
            case CREATED -> {
              created.add(topic.name());
              log.info("created topic {} ({} partitions)", topic.name(), topic.numPartitions());
            }
            case REFUSED -> refused.add(topic.name());
            case EXISTED -> {}
          }
        }
      }
      if (!refused.isEmpty()) {
        log.warn(
            "not allowed to create topics {} (no CREATE permission for this client's principal):"
                + " leaving them to an operator (docs/security.md, Kafka)",
            refused);
      }
      Map<Topic, String> visible = new java.util.EnumMap<>(Topic.class);
      names.forEach(
          (topic, name) -> {
            if (!refused.contains(name)) {
              visible.put(topic, name);
            }
          });
      warnAboutFewerPartitions(visible);
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create wxrelay's topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  private void warnAboutFewerPartitions(Map<Topic, String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<String, TopicDescription> described = awaitVisible(names.values());
    names.forEach(
        (topic, name) -> {
          TopicDescription description = described.get(name);
          if (description == null) {
            return;
          }
          int replicas = description.partitions().getFirst().replicas().size();
          if (replicationFactor.isPresent() && replicas < replicationFactor.get()) {
            log.warn(
                "topic {} has {} replicas, fewer than the {} configured (KAFKA_REPLICATION_FACTOR):"
                    + " raise them with kafka-reassign-partitions",
                name,
                replicas,
                replicationFactor.get());
          }
          int wanted = partitionsOf(topic);
          if (description.partitions().size() < wanted) {
            log.warn(
                "topic {} has {} partitions, fewer than the {} configured: at most {} consumers"
                    + " share its work (add partitions with kafka-topics --alter, knowing that keys"
                    + " move to other partitions)",
                name,
                description.partitions().size(),
                wanted,
                description.partitions().size());
          }
        });
  }

  /**
   * Waits until the broker describes every topic: a creation completes at the controller, and a
   * broker's metadata follows a moment later; a caller that describes or assigns a topic right
   * after {@link #ensure} must find it.
   */
  private Map<String, TopicDescription> awaitVisible(Collection<String> topics)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        return admin
            .describeTopics(topics)
            .allTopicNames()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private enum Creation {
    CREATED,
    EXISTED,
    REFUSED
  }

  /**
   * Waits for one creation: existed when another process created the topic first (services started
   * together race for the same topics, and the loser has nothing left to do), refused when the
   * broker's ACLs do not let this principal create it.
   */
  private static Creation creation(KafkaFuture<Void> creation)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return Creation.CREATED;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return Creation.EXISTED;
      }
      if (e.getCause() instanceof AuthorizationException) {
        return Creation.REFUSED;
      }
      throw e;
    }
  }

  /** The partition count {@code topic} is created with. */
  public int partitionsOf(Topic topic) {
    return partitions.getOrDefault(topic, topic.defaultPartitions());
  }

  private NewTopic newTopic(Topic topic, String name) {
    Map<String, String> configs = new java.util.HashMap<>();
    configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
    replicationFactor.ifPresent(
        rf ->
            configs.put(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, rf - 1))));
    return new NewTopic(name, Optional.of(partitionsOf(topic)), replicationFactor).configs(configs);
  }
}
