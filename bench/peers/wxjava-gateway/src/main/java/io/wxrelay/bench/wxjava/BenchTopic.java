package io.wxrelay.bench.wxjava;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The benchmark's look at a topic (bootstrap from KAFKA_BOOTSTRAP_SERVERS):
 *
 * <ul>
 *   <li>{@code create TOPIC PARTITIONS}: creates it unless it exists
 *   <li>{@code end TOPIC}: prints each partition's end offset, {@code p=offset,...}
 *   <li>{@code count TOPIC START}: reads every record from START (what {@code end} printed
 *       earlier) to the present end and prints how many there were
 * </ul>
 */
public final class BenchTopic {
  private BenchTopic() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = WxJavaGateway.env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    switch (args[0]) {
      case "create" -> create(bootstrap, args[1], Integer.parseInt(args[2]));
      case "end" -> {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
          StringBuilder out = new StringBuilder();
          end(consumer, args[1]).forEach((tp, offset) -> out.append(tp.partition()).append('=').append(offset).append(','));
          System.out.println(out.isEmpty() ? "" : out.substring(0, out.length() - 1));
        }
      }
      case "count" -> System.out.println(count(bootstrap, args[1], args.length > 2 ? args[2] : ""));
      default -> throw new IllegalArgumentException("create TOPIC PARTITIONS | end TOPIC | count TOPIC START");
    }
  }

  private static void create(String bootstrap, String topic, int partitions) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static Map<TopicPartition, Long> end(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    return consumer.endOffsets(partitions);
  }

  private static long count(String bootstrap, String topic, String start) {
    Map<Integer, Long> from = new HashMap<>();
    for (String part : start.split(",")) {
      if (!part.isBlank()) {
        String[] kv = part.split("=");
        from.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
      }
    }
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      Map<TopicPartition, Long> end = end(consumer, topic);
      consumer.assign(end.keySet());
      for (TopicPartition tp : end.keySet()) {
        consumer.seek(tp, from.getOrDefault(tp.partition(), 0L));
      }
      long records = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!reached(consumer, end) && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition tp : batch.partitions()) {
          for (var r : batch.records(tp)) {
            if (r.offset() < end.get(tp)) {
              records++;
            }
          }
        }
      }
      if (!reached(consumer, end)) {
        throw new IllegalStateException("did not reach the end of " + topic + " in 120 s");
      }
      return records;
    }
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    Set<TopicPartition> assigned = consumer.assignment();
    for (TopicPartition tp : assigned) {
      if (consumer.position(tp) < end.get(tp)) {
        return false;
      }
    }
    return true;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }
}
