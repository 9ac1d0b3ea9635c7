package io.wxrelay.kit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.KafkaBinding;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class CloudEventRecordsTest {
  private static final byte[] VALUE = "{}".getBytes(UTF_8);

  @Test
  void aRecordWxrelayWritesIsMarkedStructured() {
    ProducerRecord<String, byte[]> record = CloudEventRecords.structured("t", "k", VALUE);

    assertThat(contentTypes(record)).containsExactly(KafkaBinding.STRUCTURED_CONTENT_TYPE);
  }

  @Test
  void aBinaryModeRecordIsRestoredAsItWasNeitherMarkedNorChanged() {
    List<Header> binary =
        List.of(header("ce_specversion", "1.0"), header("ce_id", "c-1"), header("x-trace", "7"));

    ProducerRecord<String, byte[]> record = CloudEventRecords.restored("t", "k", VALUE, binary);

    assertThat(record.headers().toArray()).containsExactlyElementsOf(binary);
    assertThat(record.key()).isEqualTo("k");
    assertThat(record.value()).isSameAs(VALUE);
  }

  @Test
  void aBinaryModeRecordKeepsItsDataContentType() {
    ProducerRecord<String, byte[]> record =
        CloudEventRecords.restored(
            "t",
            "k",
            VALUE,
            List.of(header("ce_specversion", "1.0"), header("content-type", "application/json")));

    assertThat(contentTypes(record)).containsExactly("application/json");
  }

  @Test
  void aRecordRestoredWithoutHeadersIsMarkedStructured() {
    // A letter written before the DLQ kept the original's headers; its value is the envelope.
    ProducerRecord<String, byte[]> record = CloudEventRecords.restored("t", "k", VALUE, List.of());

    assertThat(contentTypes(record)).containsExactly(KafkaBinding.STRUCTURED_CONTENT_TYPE);
  }

  private static List<String> contentTypes(ProducerRecord<String, byte[]> record) {
    return java.util.stream.StreamSupport.stream(
            record.headers().headers(KafkaBinding.CONTENT_TYPE_HEADER).spliterator(), false)
        .map(h -> new String(h.value(), UTF_8))
        .toList();
  }

  private static Header header(String key, String value) {
    return new RecordHeader(key, value.getBytes(UTF_8));
  }
}
