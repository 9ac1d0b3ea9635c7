package io.wxrelay.endtoend;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The README's Java example of writing a command with the official CloudEvents SDK, as code that
 * runs ({@code CloudEventsIT}). {@code ReadmeSnippetTest} holds the README to the lines between the
 * markers, the broker address and topic name aside (the README names the defaults).
 */
final class ReadmeSdkProducer {
  private ReadmeSdkProducer() {}

  /** The command's id in the README. */
  static final String ID = "crm-order-42-qr";

  static void send(String bootstrap, String topic) throws Exception {
    // README:begin
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
    // The SDK writes binary mode by default; "STRUCTURED" writes the JSON envelope instead.
    props.put(CloudEventSerializer.ENCODING_CONFIG, "BINARY");

    CloudEvent command =
        CloudEventBuilder.v1()
            .withId("crm-order-42-qr") // the idempotency key: the same id is never sent twice
            .withSource(URI.create("/crm"))
            .withType("wechat.qrcode.create")
            .withSubject("wx5823bf96d3bd56c7") // the account's appid
            .withDataContentType("application/json")
            .withData(
                "{\"scene\":\"order-42\",\"expireSeconds\":600}".getBytes(StandardCharsets.UTF_8))
            .build();
    try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(topic, "wx5823bf96d3bd56c7", command)).get();
    }
    // README:end
  }
}
