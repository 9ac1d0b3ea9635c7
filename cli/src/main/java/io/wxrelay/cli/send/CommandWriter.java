package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.kafka.CloudEventRecords;
import io.wxrelay.kit.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;

/** Writes records with wxrelay's producer settings (acks=all, idempotent), waiting for the ack. */
public final class CommandWriter implements AutoCloseable {
  private final KafkaSettings kafka;
  private final KafkaProducer<String, byte[]> producer;

  public CommandWriter(KafkaSettings kafka) {
    this.kafka = kafka;
    long waitMs = TopicReader.BROKER_WAIT.toMillis();
    this.producer =
        KafkaClients.unmetered(kafka)
            .producer(
                "wxrelay-cli",
                Map.of(
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(waitMs),
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(waitMs / 2),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(waitMs),
                    ProducerConfig.LINGER_MS_CONFIG, "0"));
  }

  /**
   * Writes one record in the CloudEvents Kafka binding's structured mode (the envelope as its
   * value, a {@code content-type} header) and returns once Kafka acknowledged it.
   */
  public RecordMetadata write(String topic, String key, byte[] value) {
    return send(CloudEventRecords.structured(topic, key, value));
  }

  /**
   * Writes a record back as it was first written, with its {@code headers} (a binary-mode command's
   * attributes); marked structured only if they do not say its mode.
   */
  public RecordMetadata restore(String topic, String key, byte[] value, List<Header> headers) {
    return send(CloudEventRecords.restored(topic, key, value, headers));
  }

  private RecordMetadata send(ProducerRecord<String, byte[]> record) {
    String topic = record.topic();
    try {
      return producer
          .send(record)
          .get(TopicReader.BROKER_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.TimeoutException e) {
      throw TopicReader.noBroker(kafka);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw TopicReader.noBroker(kafka);
      }
      throw new CliError(
          "Kafka refused the record for " + topic + ": " + e.getCause().getMessage(),
          CliError.UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError("interrupted before Kafka acknowledged the record", CliError.UNAVAILABLE);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(2));
  }
}
