package io.wxrelay.kit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.schemas.Topic;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients as wxrelay uses them: String keys, byte[] values (the codec owns the JSON), and
 * their client metrics bound to the service's registry (none for {@link #unmetered}). Settings
 * overrides ({@code KAFKA_CLIENT_*}) are applied last, except the safety settings of the producer.
 */
public final class KafkaClients {
  private final KafkaSettings settings;
  private final Optional<MeterRegistry> registry;

  public KafkaClients(KafkaSettings settings, MeterRegistry registry) {
    this(settings, Optional.of(registry));
  }

  private KafkaClients(KafkaSettings settings, Optional<MeterRegistry> registry) {
    this.settings = settings;
    this.registry = registry;
  }

  /**
   * Clients whose metrics are bound to no registry: for a process that lives a command long and
   * that nothing scrapes (the CLI), where binding a client's hundreds of metrics is only start-up
   * time.
   */
  public static KafkaClients unmetered(KafkaSettings settings) {
    return new KafkaClients(settings, Optional.empty());
  }

  /**
   * An idempotent producer with {@code acks=all}: a record it acknowledges is on every in-sync
   * replica and is written once even when the client retries.
   */
  public KafkaProducer<String, byte[]> producer(String clientId) {
    return producer(clientId, Map.of());
  }

  /**
   * As {@link #producer(String)}, with a service's own {@code defaults} over wxrelay's (linger 5
   * ms, lz4); {@code KAFKA_CLIENT_*} overrides still win.
   */
  public KafkaProducer<String, byte[]> producer(String clientId, Map<String, String> defaults) {
    Properties props = common(clientId);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putAll(defaults);
    props.putAll(settings.overrides());
    // Not overridable: durability before acknowledging is the point of wxrelay.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props);
    registry.ifPresent(r -> new KafkaClientMetrics(producer).bindTo(r));
    return producer;
  }

  /**
   * A consumer in {@code groupId} that never commits by itself (the service commits what it has
   * finished) and reads only committed records.
   */
  public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId) {
    return consumer(groupId, clientId, "earliest");
  }

  /**
   * As {@link #consumer(String, String)}, where a group without committed offsets starts at {@code
   * offsetReset} ({@code earliest} or {@code latest}).
   */
  public KafkaConsumer<String, byte[]> consumer(
      String groupId, String clientId, String offsetReset) {
    return consumer(groupId, clientId, offsetReset, Optional.empty());
  }

  /**
   * As {@link #consumer(String, String, String)}, a static member of its group when {@code
   * instanceId} is given ({@code group.instance.id}): a member that comes back under the same id
   * within the session timeout gets its partitions back without a rebalance, and one that leaves
   * keeps them until the session times out. The group protocol is {@link
   * KafkaSettings#groupProtocol}.
   */
  public KafkaConsumer<String, byte[]> consumer(
      String groupId, String clientId, String offsetReset, Optional<String> instanceId) {
    Properties props = common(clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.putAll(settings.groupProtocol().properties());
    instanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(settings.overrides());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
    registry.ifPresent(r -> new KafkaClientMetrics(consumer).bindTo(r));
    return consumer;
  }

  /**
   * A consumer in no group, for reading records at offsets of one's choosing ({@code assign} and
   * {@code seek}): it never commits and never joins a group, whatever the overrides say, and reads
   * only committed records. Its client metrics are not bound: its {@code records-lag-max} would be
   * read as a group's lag.
   */
  KafkaConsumer<byte[], byte[]> reader(String clientId, Map<String, String> defaults) {
    Properties props = common(clientId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(defaults);
    props.putAll(settings.overrides());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props);
  }

  /**
   * Creates those of {@code names}' topics (topic → name) that do not exist yet, with the
   * configured replication factor and partitions, through a short-lived admin client.
   */
  public void ensureTopics(String clientId, Map<Topic, String> names) {
    try (Admin admin = admin(clientId)) {
      TopicProvisioner.of(admin, settings).ensure(names);
    }
  }

  /** An admin client, e.g. for {@link TopicProvisioner}. */
  public Admin admin(String clientId) {
    Properties props = common(clientId);
    props.putAll(settings.overrides());
    return Admin.create(props);
  }

  private Properties common(String clientId) {
    Properties props = new Properties();
    props.putAll(
        Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            settings.bootstrapServers(),
            CommonClientConfigs.CLIENT_ID_CONFIG,
            clientId));
    return props;
  }
}
