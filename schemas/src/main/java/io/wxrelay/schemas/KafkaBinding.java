package io.wxrelay.schemas;

import java.nio.charset.StandardCharsets;

/**
 * The CloudEvents Kafka protocol binding as wxrelay writes it: structured mode, the envelope in the
 * record value, marked by a {@code content-type} header (binding §3.2), so that the official SDKs'
 * deserializers and other CloudEvents tooling read wxrelay's topics. The key is wxrelay's own
 * (docs/contracts.md).
 */
public final class KafkaBinding {
  /** The header that names a structured-mode record's format. */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  /** The structured-mode format of every record wxrelay writes: the JSON event format. */
  public static final String STRUCTURED_CONTENT_TYPE =
      "application/cloudevents+json; charset=UTF-8";

  private KafkaBinding() {}

  /** {@link #STRUCTURED_CONTENT_TYPE} as a header value. */
  public static byte[] structuredContentType() {
    return STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
  }
}
