package io.wxrelay.schemas.codec;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one error of the codec: a record value that is not a valid wxrelay contract. It says what is
 * wrong and where (JSON pointers into the record value), and carries the event id and type when
 * they could be read, so a consumer can still report on the command.
 */
public final class ContractViolation extends RuntimeException {

  /** What kind of wrong. */
  public enum Kind {
    /** Not JSON (garbage, truncated, trailing tokens, duplicate keys, empty). */
    MALFORMED,
    /** JSON, but not a valid CloudEvents envelope. */
    ENVELOPE,
    /** A valid envelope whose {@code type} wxrelay does not know. */
    UNKNOWN_TYPE,
    /** {@code data} breaks the schema of its type. */
    SCHEMA
  }

  /** One thing wrong, at a JSON pointer ({@code ""} is the whole value). */
  public record Problem(String pointer, String message) {
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
  }

  private final Kind kind;
  private final List<Problem> problems;
  private final String eventId;
  private final String type;

  ContractViolation(Kind kind, List<Problem> problems, String eventId, String type) {
    super(describe(kind, problems, type), null, false, false);
    this.kind = kind;
    this.problems = List.copyOf(problems);
    this.eventId = eventId;
    this.type = type;
  }

  private static String describe(Kind kind, List<Problem> problems, String type) {
    String what =
        switch (kind) {
          case MALFORMED -> "not JSON";
          case ENVELOPE -> "not a valid CloudEvent";
          case UNKNOWN_TYPE -> "unknown type";
          case SCHEMA -> type + " data breaks its schema";
        };
    return what
        + ": "
        + problems.stream().limit(10).map(Problem::toString).collect(Collectors.joining("; "));
  }

  public Kind kind() {
    return kind;
  }

  /** Everything found wrong, at least one. */
  public List<Problem> problems() {
    return problems;
  }

  /** Pointer of the first problem. */
  public String pointer() {
    return problems.getFirst().pointer();
  }

  /** The envelope's {@code id} when it could be read (for commands: the command id). */
  public Optional<String> eventId() {
    return Optional.ofNullable(eventId);
  }

  /** The envelope's {@code type} string when it could be read. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }
}
