package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructure.class)
class ExamplesThroughKafkaIT {
  private static final ContractCodec CODEC = ContractCodec.create();

  @Test
  void everyExampleSurvivesTheRealBrokerAndDecodesToTheSameEvent(KafkaEndpoint kafka)
      throws Exception {
    String topic = kafka.createUniqueTopic("schemas-roundtrip", 3);
    Map<String, CloudEvent<?>> sent = new java.util.HashMap<>();
    try (var producer = new KafkaProducer<String, byte[]>(producerProps(kafka))) {
      for (EventType type : EventType.values()) {
        CloudEvent<?> event = CODEC.decode(Examples.bytes(type));
        sent.put(event.id(), event);
        producer.send(new ProducerRecord<>(topic, event.subject(), CODEC.encode(event))).get();
      }
    }

    List<ConsumerRecord<String, byte[]>> received = consumeAll(kafka, topic, sent.size());

    Map<String, CloudEvent<?>> decoded =
        received.stream()
            .map(r -> CODEC.decode(r.value()))
            .collect(Collectors.toMap(CloudEvent::id, e -> e));
    assertThat(decoded).hasSize(EventType.values().length).isEqualTo(sent);
  }

  private static Properties producerProps(KafkaEndpoint kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  private static List<ConsumerRecord<String, byte[]>> consumeAll(
      KafkaEndpoint kafka, String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
