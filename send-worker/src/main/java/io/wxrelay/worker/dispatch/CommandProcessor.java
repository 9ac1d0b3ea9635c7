package io.wxrelay.worker.dispatch;

import io.wxrelay.kit.retry.Backoff;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.Ids;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter.Reason;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.consume.RecordHandler;
import io.wxrelay.worker.correlation.Correlations;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.ratelimit.Throttle;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.wechat.CallPlan;
import io.wxrelay.worker.wechat.CommandCalls;
import io.wxrelay.worker.wechat.WeChatApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The handler of {@code wechat.commands} and {@code wechat.commands.retry}: decode (anything that
 * does not validate goes to the DLQ with its reason), wait until a parked command is due, then
 * carry the command out ({@link CommandRun}).
 */
public final class CommandProcessor implements RecordHandler {
  private static final Duration MAX_DUE_NAP = Duration.ofSeconds(1);

  private final ContractCodec codec;
  private final CommandCalls calls;
  private final Dispatch d;

  /**
   * How commands are carried out; see WorkerConfig for each.
   *
   * @param maxAttempts attempts of a command before it is dead (retries exhausted)
   * @param parkAfter waits longer than this are parked on the retry topic instead of slept
   * @param claimLease how long a claim holds a command for one worker (longer than one call)
   * @param linkTtl how long a broadcast's msg_id stays matched to its command
   * @param permanentQrReplyTtl how long the reply of a permanent QR code is kept
   */
  public record Settings(
      int maxAttempts,
      Duration backoffBase,
      Duration backoffMax,
      Duration parkAfter,
      Duration claimLease,
      Duration linkTtl,
      Duration permanentQrReplyTtl,
      String qrImageBase) {}

  public CommandProcessor(
      ContractCodec codec,
      CommandCalls calls,
      WeChatApi api,
      TokenClient tokens,
      Throttle throttle,
      CommandLedger ledger,
      OutcomePublisher publisher,
      Correlations correlations,
      WorkerMeters.Recorder meters,
      Settings settings,
      Clock clock,
      Sleeper sleeper) {
    this.codec = codec;
    this.calls = calls;
    this.d =
        new Dispatch(
            ledger,
            new CallExecutor(api, tokens, throttle, meters),
            publisher,
            correlations,
            meters,
            settings,
            new Backoff(settings.backoffBase(), settings.backoffMax()),
            clock,
            sleeper,
            codec.mapper());
  }

  @Override
  public void handle(InboundRecord record) throws InterruptedException {
    CloudEvent<?> command;
    try {
      command = codec.decode(record.value());
    } catch (ContractViolation violation) {
      rejectInvalid(record, violation);
      return;
    }
    awaitDue(record);
    execute(command, record, attemptsOf(record));
  }

  /** Carries out a decoded command; {@code origin} is the record it came from (for the DLQ). */
  public void execute(CloudEvent<?> command, InboundRecord origin, int attemptsBefore)
      throws InterruptedException {
    CallPlan plan;
    try {
      plan = calls.plan(command);
    } catch (UnsupportedOperationException e) {
      unsupported(command, origin, e.getMessage());
      return;
    }
    new CommandRun(d, plan, origin, attemptsBefore).run();
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
    String appid = readableSubject(record.value()).orElse(null);
    Instant now = d.clock().instant();
    d.publisher()
        .deadLetter(
            record,
            appid,
            DeadLetters.of(
                record,
                violation.getMessage(),
                reason,
                violation.pointer(),
                id,
                type,
                0,
                null,
                null,
                now));
    d.meters().deadLetter(reason.json());
    if (CloudEvent.isValidId(id) && appid != null) {
      // Not stored in the ledger: a corrected command may come again under the same id. An id
      // that breaks the envelope's limits cannot key a result: the dead letter carries it.
      CommandResult result =
          new CommandResult(
              id,
              type == null ? "unknown" : type,
              Status.DEAD,
              0,
              null,
              null,
              ErrorClass.INVALID,
              violation.getMessage(),
              null,
              null,
              now);
      d.publisher().result(id, d.publisher().encodeResult(appid, result));
    }
    d.meters().command(type == null ? "unknown" : type, "dead");
  }

  private void unsupported(CloudEvent<?> command, InboundRecord origin, String why) {
    Instant now = d.clock().instant();
    d.publisher()
        .deadLetter(
            origin,
            command.subject(),
            DeadLetters.of(
                origin,
                why,
                Reason.UNKNOWN,
                null,
                command.id(),
                command.type(),
                0,
                null,
                null,
                now));
    d.meters().deadLetter(Reason.UNKNOWN.json());
    CommandResult result =
        new CommandResult(
            command.id(),
            command.type(),
            Status.DEAD,
            0,
            null,
            null,
            ErrorClass.INVALID,
            why,
            null,
            null,
            now);
    d.publisher().result(command.id(), d.publisher().encodeResult(command.subject(), result));
    d.meters().command(command.type(), "dead");
  }

  /** A parked command waits here until due; the wait is interruptible (revocation, shutdown). */
  private void awaitDue(InboundRecord record) throws InterruptedException {
    Optional<String> due = record.header(OutcomePublisher.DUE_HEADER);
    if (due.isEmpty()) {
      return;
    }
    long dueAt = number(due.get());
    while (true) {
      long left = dueAt - d.clock().millis();
      if (left <= 0) {
        return;
      }
      d.sleeper().sleep(Duration.ofMillis(Math.min(left, MAX_DUE_NAP.toMillis())));
    }
  }

  private static int attemptsOf(InboundRecord record) {
    return record
        .header(OutcomePublisher.ATTEMPTS_HEADER)
        .map(CommandProcessor::number)
        .orElse(0L)
        .intValue();
  }

  /** A header's number; a garbled one counts as 0 (no attempts yet, due now) rather than stall. */
  private static long number(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The subject of a record that did not validate, when it is a well-formed appid. */
  private Optional<String> readableSubject(byte[] value) {
    try {
      JsonNode subject = codec.mapper().readTree(value).get("subject");
      return subject != null && subject.isString() && Ids.isAppid(subject.asString())
          ? Optional.of(subject.asString())
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
