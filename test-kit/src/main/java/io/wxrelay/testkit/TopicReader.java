package io.wxrelay.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning on a thread of its own and keeps every record value by key,
 * undecoded: a test decodes what it looks at, and a benchmark does not pay for decoding while it
 * measures.
 */
public final class TopicReader implements AutoCloseable {
  private final Map<String, List<byte[]>> byKey = new ConcurrentHashMap<>();

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  public TopicReader(String bootstrap, String topic) {
    this(subscribed(bootstrap, topic), topic);
  }

  private TopicReader(KafkaConsumer<String, byte[]> consumer, String topic) {
    this.consumer = consumer;
    thread = Thread.ofPlatform().daemon().name("reader-" + topic).start(this::run);
  }

  /**
   * Reads {@code topic} from its beginning by assignment, without a consumer group (as the CLI
   * reads), with {@code client}'s settings: bootstrap servers and, e.g., SASL_SSL.
   */
  public static TopicReader assigned(Properties client, String topic) {
    Properties props = new Properties();
    props.putAll(client);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(withDeserializers(props));
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return new TopicReader(consumer, topic);
  }

  private static KafkaConsumer<String, byte[]> subscribed(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader-" + System.nanoTime());
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(withDeserializers(props));
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static Properties withDeserializers(Properties props) {
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          byKey
              .computeIfAbsent(String.valueOf(record.key()), k -> new CopyOnWriteArrayList<>())
              .add(record.value());
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** The values under {@code key} so far, in order. */
  public List<byte[]> values(String key) {
    return byKey.getOrDefault(key, List.of());
  }

  /** Whether a record with {@code key} has arrived. */
  public boolean has(String key) {
    return byKey.containsKey(key);
  }

  /** How many distinct keys have arrived. */
  public int keys() {
    return byKey.size();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5000);
  }
}
