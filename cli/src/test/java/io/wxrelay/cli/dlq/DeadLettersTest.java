package io.wxrelay.cli.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeadLettersTest {
  @Test
  void aLettersOriginalHeadersAreTheOnesUnderThePrefixWithoutIt() {
    List<Header> onTheLetter =
        List.of(
            header("content-type", "application/cloudevents+json; charset=UTF-8"),
            header("__connect.errors.topic", "wechat.commands"),
            header("wxrelay-original-ce_id", "crm-1"),
            header("wxrelay-original-content-type", "application/json"),
            header("wxrelay-original-", "a header with no name is no header"));

    DeadLetters.Letter letter =
        DeadLetters.Letter.of(JsonMapper.builder().build().readTree("{}"), onTheLetter);

    assertThat(letter.originalHeaders())
        .extracting(Header::key)
        .containsExactly("ce_id", "content-type");
    assertThat(new String(letter.originalHeaders().getFirst().value(), UTF_8)).isEqualTo("crm-1");
  }

  private static Header header(String key, String value) {
    return new RecordHeader(key, value.getBytes(UTF_8));
  }
}
