package io.wxrelay.schemas;

import java.nio.charset.StandardCharsets;

/**
 * The CloudEvents Kafka protocol binding as wxrelay writes it: structured mode, the envelope in the
 * record value, marked by a {@code content-type} header (binding §3.2), so that the official SDKs'
 * deserializers and other CloudEvents tooling read wxrelay's topics. The key is wxrelay's own
 * (docs/contracts.md). Also the names of the headers wxrelay reads (binary mode) and adds to a dead
 * letter.
 */
public final class KafkaBinding {
  /** The header that names a structured-mode record's format. */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  /** The structured-mode format of every record wxrelay writes: the JSON event format. */
  public static final String STRUCTURED_CONTENT_TYPE =
      "application/cloudevents+json; charset=UTF-8";

  /**
   * The prefix of a binary-mode record's attribute headers (binding §3.2.3), e.g. {@code ce_id}.
   */
  public static final String BINARY_PREFIX = "ce_";

  /** The header whose presence makes a record binary-mode. */
  public static final String BINARY_SPECVERSION_HEADER = BINARY_PREFIX + "specversion";

  /**
   * On a dead letter: the original record's topic, partition and offset, in Kafka Connect's error
   * headers (what generic DLQ tooling shows).
   */
  public static final String ERROR_TOPIC_HEADER = "__connect.errors.topic";

  public static final String ERROR_PARTITION_HEADER = "__connect.errors.partition";
  public static final String ERROR_OFFSET_HEADER = "__connect.errors.offset";

  /** On a dead letter: why it is dead, as the letter's {@code errorClass} and its sentence. */
  public static final String ERROR_REASON_HEADER = "__connect.errors.exception.class.name";

  public static final String ERROR_MESSAGE_HEADER = "__connect.errors.exception.message";

  /**
   * On a dead letter: each header of the original record under this prefix, so that a replay can
   * write the record back as it was (a binary-mode command's attributes are its headers).
   */
  public static final String ORIGINAL_HEADER_PREFIX = "wxrelay-original-";

  private KafkaBinding() {}

  /** {@link #STRUCTURED_CONTENT_TYPE} as a header value. */
  public static byte[] structuredContentType() {
    return STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
  }
}
