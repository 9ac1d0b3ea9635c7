package io.wxrelay.worker.parking;

import io.wxrelay.worker.consume.InboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.header.Headers;

/**
 * A command parked on the retry topic, as the headers of its record carry it (each a decimal text).
 * The publisher writes it ({@link #writeTo}); dispatch reads it back ({@link #of}).
 *
 * @param attempts the attempts made so far
 * @param due when the command is due again
 * @param firstTried when the command was first tried: what its retry horizon counts from
 * @param unanswered one of the attempts went without an answer, so WeChat may have carried it out
 *     (the dead letter says so, should the command die)
 */
public record Parked(int attempts, Instant due, Optional<Instant> firstTried, boolean unanswered) {
  /** Attempts made so far. */
  public static final String ATTEMPTS_HEADER = "wxrelay-attempts";

  /** When the command is due, epoch milliseconds. */
  public static final String DUE_HEADER = "wxrelay-due-at";

  /** When the command was first tried, epoch milliseconds. */
  public static final String FIRST_TRIED_HEADER = "wxrelay-first-tried-at";

  /** {@code 1} when an attempt went without an answer; absent otherwise. */
  public static final String UNANSWERED_HEADER = "wxrelay-unanswered";

  private static final Set<String> HEADERS =
      Set.of(ATTEMPTS_HEADER, DUE_HEADER, FIRST_TRIED_HEADER, UNANSWERED_HEADER);

  public Parked(int attempts, Instant due, Instant firstTried, boolean unanswered) {
    this(attempts, due, Optional.of(firstTried), unanswered);
  }

  /**
   * What {@code record} carries; empty for a command not parked (none of the headers can be read).
   * Each header that is absent or garbled counts as none rather than stall the record: no attempts
   * yet, due now ({@link Instant#EPOCH}), first tried unknown (a record parked before that header
   * existed), every attempt answered.
   */
  public static Optional<Parked> of(InboundRecord record) {
    OptionalLong attempts = record.numberHeader(ATTEMPTS_HEADER);
    OptionalLong due = record.numberHeader(DUE_HEADER);
    OptionalLong firstTried = record.numberHeader(FIRST_TRIED_HEADER);
    OptionalLong unanswered = record.numberHeader(UNANSWERED_HEADER);
    if (attempts.isEmpty() && due.isEmpty() && firstTried.isEmpty() && unanswered.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Parked(
            (int) attempts.orElse(0),
            Instant.ofEpochMilli(due.orElse(0)),
            firstTried.isPresent()
                ? Optional.of(Instant.ofEpochMilli(firstTried.getAsLong()))
                : Optional.empty(),
            unanswered.orElse(0) == 1));
  }

  /** Whether {@code name} is a header of this protocol: parking a record again replaces them. */
  public static boolean isHeader(String name) {
    return HEADERS.contains(name);
  }

  /** Adds this state's headers to {@code headers}. */
  public void writeTo(Headers headers) {
    add(headers, ATTEMPTS_HEADER, Integer.toString(attempts));
    add(headers, DUE_HEADER, Long.toString(due.toEpochMilli()));
    firstTried.ifPresent(at -> add(headers, FIRST_TRIED_HEADER, Long.toString(at.toEpochMilli())));
    if (unanswered) {
      add(headers, UNANSWERED_HEADER, "1");
    }
  }

  private static void add(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
