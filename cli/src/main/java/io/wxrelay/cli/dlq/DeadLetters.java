package io.wxrelay.cli.dlq;

import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.schemas.KafkaBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every dead letter retained on the DLQ, read from its beginning to its end as of now. */
final class DeadLetters {
  private static final Duration READ_BOUND = Duration.ofSeconds(30);

  private DeadLetters() {}

  /**
   * One letter: the record's JSON tree, and the headers of the record it is the letter of (kept
   * under {@link KafkaBinding#ORIGINAL_HEADER_PREFIX}; none on letters written before they were).
   */
  record Letter(JsonNode tree, List<Header> originalHeaders) {
    static Letter of(JsonNode tree, List<Header> headers) {
      String prefix = KafkaBinding.ORIGINAL_HEADER_PREFIX;
      List<Header> original =
          headers.stream()
              .filter(h -> h.key().startsWith(prefix) && h.key().length() > prefix.length())
              .<Header>map(h -> new RecordHeader(h.key().substring(prefix.length()), h.value()))
              .toList();
      return new Letter(tree, original);
    }

    /** The letter's {@code data}: why the command died, and the record it was. */
    JsonNode data() {
      return tree.path("data");
    }

    /** The id of the command it is the letter of; empty when it could not be read. */
    String commandId() {
      return data().path("commandId").asString("");
    }

    /** The record key the command was written with. */
    String key() {
      return original().path("key").asString(null);
    }

    /** The command's record value, byte for byte; empty when it was too large for the DLQ. */
    Optional<byte[]> value() {
      String base64 = original().path("valueBase64").asString("");
      return base64.isEmpty() ? Optional.empty() : Optional.of(Base64.getDecoder().decode(base64));
    }

    private JsonNode original() {
      return data().path("original");
    }
  }

  /** The retained letters, oldest first per partition. */
  static List<Letter> read(KafkaSettings kafka, String topic, JsonMapper mapper) {
    List<Letter> letters = new ArrayList<>();
    try (TopicReader reader = TopicReader.open(kafka, topic, true)) {
      var ends = reader.endOffsets();
      Instant deadline = Instant.now().plus(READ_BOUND);
      while (!reader.reached(ends) && Instant.now().isBefore(deadline)) {
        for (var record : reader.poll(Duration.ofMillis(200))) {
          try {
            letters.add(Letter.of(mapper.readTree(record.value()), record.headers()));
          } catch (RuntimeException e) {
            // Not a letter wxrelay wrote; list and replay only what they can read.
          }
        }
      }
    }
    return letters;
  }
}
