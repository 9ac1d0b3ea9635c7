package io.wxrelay.worker.consume;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One consumed record, without Kafka's consumer types (only this package polls).
 *
 * @param headers the last value of each header
 * @param written the record's Kafka timestamp; empty when it has none (or is made, not consumed)
 */
public record InboundRecord(
    String topic,
    int partition,
    long offset,
    String key,
    byte[] value,
    Map<String, byte[]> headers,
    Optional<Instant> written) {

  public InboundRecord {
    headers = Map.copyOf(headers);
  }

  /** A record without a timestamp. */
  public InboundRecord(
      String topic,
      int partition,
      long offset,
      String key,
      byte[] value,
      Map<String, byte[]> headers) {
    this(topic, partition, offset, key, value, headers, Optional.empty());
  }

  /** A header as UTF-8 text. */
  public Optional<String> header(String name) {
    byte[] raw = headers.get(name);
    return raw == null ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
  }

  /** A header as a decimal number; empty when absent or garbled (not a header of ours). */
  public OptionalLong numberHeader(String name) {
    Optional<String> text = header(name);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text.get().trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Where the record is: {@code topic-partition@offset}. */
  public String where() {
    return topic + "-" + partition + "@" + offset;
  }

  @Override
  public String toString() {
    return where(); // never the value: it may hold message content
  }
}
