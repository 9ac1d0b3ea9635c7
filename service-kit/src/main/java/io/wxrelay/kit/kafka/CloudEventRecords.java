package io.wxrelay.kit.kafka;

import io.wxrelay.schemas.KafkaBinding;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Records in the CloudEvents Kafka binding's structured mode, as every wxrelay producer writes them
 * (decision 0014): the envelope as the value, and the {@code content-type} header that says so.
 */
public final class CloudEventRecords {
  private CloudEventRecords() {}

  /** A record of {@code value}, an encoded CloudEvent, marked structured. */
  public static ProducerRecord<String, byte[]> structured(String topic, String key, byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    markStructured(record.headers());
    return record;
  }

  /**
   * A record written back as it was first written: {@code headers} restored (a binary-mode record's
   * attributes), and marked structured if they do not say which mode it is in.
   */
  public static ProducerRecord<String, byte[]> restored(
      String topic, String key, byte[] value, Iterable<Header> headers) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key, value, headers);
    markStructured(record.headers());
    return record;
  }

  /**
   * Marks {@code headers} structured, unless they are a binary-mode record's or name a content type
   * already (a binary-mode record's {@code content-type} is its data's media type, and stays).
   */
  public static void markStructured(Headers headers) {
    if (headers.lastHeader(KafkaBinding.CONTENT_TYPE_HEADER) == null
        && headers.lastHeader(KafkaBinding.BINARY_SPECVERSION_HEADER) == null) {
      headers.add(KafkaBinding.CONTENT_TYPE_HEADER, KafkaBinding.structuredContentType());
    }
  }
}
