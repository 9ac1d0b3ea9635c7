package io.wxrelay.worker.parking;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.worker.consume.InboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The parking headers: what a parked record carries on the wire, read back as it was written, and
 * what a record without them, or with garbled ones, reads as.
 */
class ParkedTest {
  private static final Instant DUE = Instant.parse("2026-11-26T08:01:00Z");
  private static final Instant FIRST = Instant.parse("2026-11-26T07:55:00Z");

  @Test
  void aParkedStateIsWrittenAsDecimalHeadersInTheirOrder() {
    RecordHeaders headers = new RecordHeaders();

    new Parked(3, DUE, FIRST, true).writeTo(headers);

    assertThat(texts(headers))
        .containsExactly(
            "wxrelay-attempts=3",
            "wxrelay-due-at=" + DUE.toEpochMilli(),
            "wxrelay-first-tried-at=" + FIRST.toEpochMilli(),
            "wxrelay-unanswered=1");
  }

  @Test
  void everyAttemptAnsweredWritesNoUnansweredHeader() {
    RecordHeaders headers = new RecordHeaders();

    new Parked(1, DUE, FIRST, false).writeTo(headers);

    assertThat(headers.lastHeader(Parked.UNANSWERED_HEADER)).isNull();
    assertThat(texts(headers)).hasSize(3);
  }

  @Test
  void aParkedStateReadsBackAsItWasWritten() {
    for (Parked parked :
        List.of(new Parked(3, DUE, FIRST, true), new Parked(1, DUE, FIRST, false))) {
      RecordHeaders headers = new RecordHeaders();
      parked.writeTo(headers);

      assertThat(Parked.of(received(headers))).contains(parked);
    }
  }

  @Test
  void aRecordWithoutParkingHeadersIsNotParked() {
    assertThat(Parked.of(record(Map.of("ce_id", "cmd-1")))).isEmpty();
  }

  @Test
  void aGarbledHeaderCountsAsNoneAndTheOthersStillCount() {
    Optional<Parked> parked =
        Parked.of(
            record(
                Map.of(
                    Parked.ATTEMPTS_HEADER, "two",
                    Parked.DUE_HEADER, Long.toString(DUE.toEpochMilli()),
                    Parked.FIRST_TRIED_HEADER, "yesterday",
                    Parked.UNANSWERED_HEADER, "yes")));

    assertThat(parked).contains(new Parked(0, DUE, Optional.empty(), false));
  }

  @Test
  void aRecordWhoseHeadersAreAllGarbledIsNotParked() {
    assertThat(Parked.of(record(Map.of(Parked.ATTEMPTS_HEADER, "", Parked.DUE_HEADER, "soon"))))
        .isEmpty();
  }

  @Test
  void aMissingDueIsDueNowAndAMissingFirstTryIsUnknown() {
    // A record parked before the first-tried header existed carries attempts and due only.
    Optional<Parked> parked = Parked.of(record(Map.of(Parked.ATTEMPTS_HEADER, " 2 ")));

    assertThat(parked).contains(new Parked(2, Instant.EPOCH, Optional.empty(), false));
  }

  @Test
  void onlyOneMeansUnanswered() {
    assertThat(Parked.of(record(Map.of(Parked.UNANSWERED_HEADER, "1"))).orElseThrow().unanswered())
        .isTrue();
    assertThat(Parked.of(record(Map.of(Parked.UNANSWERED_HEADER, "2"))).orElseThrow().unanswered())
        .isFalse();
  }

  @Test
  void theFourHeadersAreTheProtocolsAndNoOthers() {
    assertThat(
            List.of(
                "wxrelay-attempts",
                "wxrelay-due-at",
                "wxrelay-first-tried-at",
                "wxrelay-unanswered"))
        .allMatch(Parked::isHeader);
    assertThat(Parked.isHeader("content-type")).isFalse();
    assertThat(Parked.isHeader("ce_id")).isFalse();
  }

  private static List<String> texts(RecordHeaders headers) {
    return StreamSupport.stream(headers.spliterator(), false)
        .map(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8))
        .toList();
  }

  /** {@code headers} as the consumer of the retry topic receives them. */
  private static InboundRecord received(RecordHeaders headers) {
    Map<String, byte[]> read = new LinkedHashMap<>();
    for (Header h : headers) {
      read.put(h.key(), h.value());
    }
    return new InboundRecord("wechat.commands.retry", 0, 0, "key", new byte[0], read);
  }

  private static InboundRecord record(Map<String, String> headers) {
    Map<String, byte[]> raw = new LinkedHashMap<>();
    headers.forEach((name, value) -> raw.put(name, value.getBytes(StandardCharsets.UTF_8)));
    return new InboundRecord("wechat.commands.retry", 0, 0, "key", new byte[0], raw);
  }
}
