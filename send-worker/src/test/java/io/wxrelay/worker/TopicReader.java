package io.wxrelay.worker;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning on a thread of its own, decoding every record. */
final class TopicReader implements AutoCloseable {
  private static final ContractCodec CODEC = ContractCodec.create();

  /** Record values by key, decoded only when asked for (the reader shares the CPU it measures). */
  final Map<String, List<byte[]>> byKey = new ConcurrentHashMap<>();

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  TopicReader(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(topic));
    thread = Thread.ofPlatform().daemon().name("reader-" + topic).start(this::run);
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

  /** The data of every event of type {@code type} with key {@code key}. */
  <T> List<T> data(String key, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (byte[] value : byKey.getOrDefault(key, List.of())) {
      CloudEvent<?> e = CODEC.decode(value);
      if (type.isInstance(e.data())) {
        out.add(type.cast(e.data()));
      }
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5000);
  }
}
