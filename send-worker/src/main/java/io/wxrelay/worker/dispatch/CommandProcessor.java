package io.wxrelay.worker.dispatch;

import io.wxrelay.kit.tracing.LogFields;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.schemas.outcome.DeadLetter.Reason;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.consume.RecordHandler;
import io.wxrelay.worker.parking.Parked;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.tracing.WorkerSpans;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The handler of {@code wechat.commands} and {@code wechat.commands.retry}: decode (anything that
 * does not validate goes to the DLQ with its reason), wait until a parked command is due, plan its
 * calls, then carry it out ({@link CommandRun}).
 */
public final class CommandProcessor implements RecordHandler {
  private static final Duration MAX_DUE_NAP = Duration.ofSeconds(1);

  private final ContractCodec codec;
  private final CommandCalls calls;
  private final CommandRun run;
  private final CommandEnd end;
  private final Clock clock;
  private final Sleeper sleeper;
  private final WorkerSpans spans;

  /** Each command is handled in a {@code consume} span of {@code spans}. */
  public CommandProcessor(
      ContractCodec codec,
      CommandCalls calls,
      CommandRun run,
      CommandEnd end,
      Clock clock,
      Sleeper sleeper,
      WorkerSpans spans) {
    this.spans = spans;
    this.codec = codec;
    this.calls = calls;
    this.run = run;
    this.end = end;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public void handle(InboundRecord record) throws InterruptedException {
    CloudEvent<?> command;
    try {
      command = codec.decode(record.value(), record.headers());
    } catch (ContractViolation violation) {
      rejectInvalid(record, violation);
      return;
    }
    Optional<Parked> parked = Parked.of(record);
    awaitDue(parked.map(Parked::due).orElse(Instant.EPOCH));
    int attempts = parked.map(Parked::attempts).orElse(0);
    spans.consume(command, record, LogFields.COMMAND_ID, () -> execute(command, record, attempts));
  }

  /** Carries out a decoded command; {@code origin} is the record it came from (for the DLQ). */
  public void execute(CloudEvent<?> command, InboundRecord origin, int attemptsBefore)
      throws InterruptedException {
    try (LogFields fields =
        LogFields.set(
            Map.of(LogFields.COMMAND_ID, command.id(), LogFields.APPID, appidOf(command)))) {
      carryOut(command, origin, attemptsBefore);
    }
  }

  private static String appidOf(CloudEvent<?> command) {
    return command.subject() == null ? "" : command.subject();
  }

  private void carryOut(CloudEvent<?> command, InboundRecord origin, int attemptsBefore)
      throws InterruptedException {
    CallPlan plan;
    try {
      plan = calls.plan(command).withTraceContext(command.traceContext());
    } catch (UnsupportedOperationException e) {
      Instant now = clock.instant();
      end.rejected(
          origin,
          command.subject(),
          DeadLetter.rejected(
              Reason.UNKNOWN,
              e.getMessage(),
              null,
              command.id(),
              command.type(),
              CommandEnd.original(origin),
              now),
          Optional.of(CommandResult.rejected(command.id(), command.type(), e.getMessage(), now)),
          command.traceContext());
      return;
    }
    run.run(plan, origin, attemptsBefore);
  }

  private void rejectInvalid(InboundRecord record, ContractViolation violation) {
    Reason reason =
        switch (violation.kind()) {
          case MALFORMED, ENVELOPE -> Reason.MALFORMED;
          case UNKNOWN_TYPE -> Reason.UNKNOWN_TYPE;
          case SCHEMA -> Reason.INVALID;
        };
    String id = violation.eventId().orElse(null);
    String type = violation.type().orElse(null);
    String appid = codec.readableSubject(record.value(), record.headers()).orElse(null);
    Instant now = clock.instant();
    DeadLetter letter =
        DeadLetter.rejected(
            reason,
            violation.getMessage(),
            violation.pointer(),
            id,
            type,
            CommandEnd.original(record),
            now);
    // An id that breaks the envelope's limits cannot key a result: the dead letter carries it.
    Optional<CommandResult> result =
        CloudEvent.isValidId(id) && appid != null
            ? Optional.of(
                CommandResult.rejected(
                    id, type == null ? "unknown" : type, violation.getMessage(), now))
            : Optional.empty();
    end.rejected(
        record,
        appid,
        letter,
        result,
        codec.readableTraceContext(record.value(), record.headers()));
  }

  /**
   * The engine gave up on {@code record}: handling it kept failing for a reason that is not
   * infrastructure (a bug it triggers). It goes to the DLQ with the failure, and its result (when
   * its id and account can be read) says UNKNOWN: the failure may have come after WeChat acted.
   */
  @Override
  public void poisoned(InboundRecord record, Exception failure) {
    String why =
        "the worker kept failing on it ("
            + failure.getClass().getSimpleName()
            + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
            + "); WeChat may or may not have carried it out";
    CloudEvent<?> command = null;
    try {
      command = codec.decode(record.value(), record.headers());
    } catch (ContractViolation unreadable) {
      // a letter without id and type, as for any unreadable record
    }
    String id = command == null ? null : command.id();
    String type = command == null ? null : command.type();
    String appid = codec.readableSubject(record.value(), record.headers()).orElse(null);
    Instant now = clock.instant();
    Optional<CommandResult> result =
        id != null && appid != null
            ? Optional.of(
                CommandResult.of(
                        id, type == null ? "unknown" : type, CommandResult.Status.UNKNOWN, 0, now)
                    .withError(null, null, CommandResult.ErrorClass.UNKNOWN)
                    .withReason(why))
            : Optional.empty();
    end.rejected(
        record,
        appid,
        DeadLetter.poisoned(why, id, type, CommandEnd.original(record), now),
        result,
        codec.readableTraceContext(record.value(), record.headers()));
  }

  /**
   * A parked command waits here until due; the wait is interruptible (revocation, shutdown). A
   * garbled retry header counts as none (due now, no attempts yet: {@link Parked#of}) rather than
   * stall the record.
   */
  private void awaitDue(Instant due) throws InterruptedException {
    long dueAt = due.toEpochMilli();
    while (true) {
      long left = dueAt - clock.millis();
      if (left <= 0) {
        return;
      }
      sleeper.sleep(Duration.ofMillis(Math.min(left, MAX_DUE_NAP.toMillis())));
    }
  }
}
