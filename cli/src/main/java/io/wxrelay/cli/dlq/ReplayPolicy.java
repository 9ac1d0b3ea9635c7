package io.wxrelay.cli.dlq;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Whether {@code wxrelay dlq replay} may write a dead command back: never when WeChat carried it
 * out or may have, nor when the ledger no longer knows what became of it; {@code --force} replays
 * those anyway and says what it overrides. A pure function of the letter and the status of the
 * command's stored result, so it is the same for a dry run.
 */
final class ReplayPolicy {
  private static final Set<String> NOT_REPLAYABLE = Set.of("malformed", "unknownType", "invalid");

  /** What happens to one letter. */
  sealed interface Decision {
    /** Written back; {@code overridden} is the refusal {@code --force} overrode, if any. */
    record Replay(Optional<String> overridden) implements Decision {}

    /** Not written back without {@code --force}: {@code why} says why. */
    record Refuse(String why) implements Decision {}

    /** Never written back: the same bytes would die again. */
    record Skip(String why) implements Decision {}

    /**
     * Cannot be written back: the letter does not hold the command (too large for the DLQ), which
     * is still at {@code where} ({@code topic-partition@offset}) while the topic keeps it.
     */
    record Unheld(String where) implements Decision {}
  }

  private final Duration deadResultTtl;
  private final boolean force;

  /**
   * @param deadResultTtl how long the ledger keeps a DEAD result ({@code WORKER_DEAD_RESULT_TTL})
   * @param force the operator wants a second send even where WeChat may have carried it out
   */
  ReplayPolicy(Duration deadResultTtl, boolean force) {
    this.deadResultTtl = deadResultTtl;
    this.force = force;
  }

  /**
   * The decision on the letter whose {@code data} this is, with the status of the command's stored
   * result (empty: the ledger holds none).
   */
  Decision decide(JsonNode data, Optional<Status> stored, Instant now) {
    String errorClass = data.path("errorClass").asString("");
    if (NOT_REPLAYABLE.contains(errorClass)) {
      return new Decision.Skip(errorClass + " (the same record would die again)");
    }
    Optional<String> refusal = refusal(data, stored, now);
    if (refusal.isPresent() && !force) {
      return new Decision.Refuse(refusal.get());
    }
    JsonNode original = data.path("original");
    if (original.path("valueBase64").asString("").isEmpty()) {
      return new Decision.Unheld(
          original.path("topic").asString("?")
              + "-"
              + original.path("partition").asInt()
              + "@"
              + original.path("offset").asLong());
    }
    return new Decision.Replay(refusal);
  }

  private Optional<String> refusal(JsonNode data, Optional<Status> stored, Instant now) {
    if (stored.isPresent()
        && (stored.get() == Status.SUCCEEDED || stored.get() == Status.UNKNOWN)) {
      return Optional.of(
          "its stored result is " + stored.get() + ", so WeChat carried it out or may have");
    }
    if (mayHaveActed(data)) {
      return Optional.of(
          data.has("mayHaveReachedWeChat")
              ? "its letter says an attempt went without an answer, so WeChat may have carried it"
                  + " out"
              : "its letter predates letters saying whether an attempt went unanswered, and what"
                  + " it does say does not rule that out");
    }
    if (stored.isEmpty() && !failedAt(data).plus(deadResultTtl).isAfter(now)) {
      return Optional.of(
          "the ledger no longer holds its result (kept "
              + describe(deadResultTtl)
              + ", WORKER_DEAD_RESULT_TTL; the letter is from "
              + data.path("failedAt").asString("an unknown time")
              + "), so whether it was sent since cannot be known");
    }
    return Optional.empty();
  }

  private static boolean mayHaveActed(JsonNode data) {
    JsonNode said = data.path("mayHaveReachedWeChat");
    JsonNode errcode = data.path("errcode");
    return DeadLetter.mayHaveActed(
        said.isBoolean() ? said.asBoolean() : null,
        data.path("errorClass").asString("").equals("unknown"),
        data.path("attempts").asInt(0),
        errcode.isIntegralNumber() ? errcode.asInt() : null);
  }

  private static String describe(Duration kept) {
    return kept.toHours() % 24 == 0 && kept.toDays() > 0
        ? kept.toDays() + " days"
        : kept.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** When the letter was written; a letter that does not say counts as written long ago. */
  private static Instant failedAt(JsonNode data) {
    try {
      return Instant.parse(data.path("failedAt").asString(""));
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
