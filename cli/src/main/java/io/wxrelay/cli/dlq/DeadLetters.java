package io.wxrelay.cli.dlq;

import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.kit.config.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every dead letter retained on the DLQ, read from its beginning to its end as of now. */
final class DeadLetters {
  private static final Duration READ_BOUND = Duration.ofSeconds(30);

  private DeadLetters() {}

  /** The retained letters, oldest first per partition; the record's JSON trees. */
  static List<JsonNode> read(KafkaSettings kafka, String topic, JsonMapper mapper) {
    List<JsonNode> letters = new ArrayList<>();
    try (TopicReader reader = TopicReader.open(kafka, topic, true)) {
      var ends = reader.endOffsets();
      Instant deadline = Instant.now().plus(READ_BOUND);
      while (!reader.reached(ends) && Instant.now().isBefore(deadline)) {
        for (var record : reader.poll(Duration.ofMillis(200))) {
          try {
            letters.add(mapper.readTree(record.value()));
          } catch (RuntimeException e) {
            // Not a letter wxrelay wrote; list and replay only what they can read.
          }
        }
      }
    }
    return letters;
  }
}
