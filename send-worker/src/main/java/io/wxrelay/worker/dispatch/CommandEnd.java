package io.wxrelay.worker.dispatch;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.schemas.outcome.DeadLetter.Original;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.schemas.outcome.UsersPage;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.dispatch.RetryPolicy.Verdict;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.parking.Parked;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.tracing.WorkerSpans;
import io.wxrelay.worker.wechat.CallOutcome;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a processing of a command ends, every way it can: its one terminal result (stored in the
 * ledger, then published: a later replay gets the same), a replay of the stored one, a park on the
 * retry topic, or DEAD (its dead letter, then its result). Each also counts itself.
 */
public final class CommandEnd {
  /** The span a command's terminal result is stored and published in. */
  private static final String RESULT = "result";

  private final CommandLedger ledger;
  private final LedgerWrites writes;
  private final OutcomePublisher publisher;
  private final WorkerMeters.Recorder meters;
  private final WorkerSpans spans;

  /** Each end is written in a {@code result} (or {@code park}) span of {@code spans}. */
  public CommandEnd(
      CommandLedger ledger,
      LedgerWrites writes,
      OutcomePublisher publisher,
      WorkerMeters.Recorder meters,
      WorkerSpans spans) {
    this.spans = spans;
    this.ledger = ledger;
    this.writes = writes;
    this.publisher = publisher;
    this.meters = meters;
  }

  /**
   * A template message's finish that came before WeChat's answer to its send was linked (a retry
   * after a lost answer, a take-over): published by the send, keyed by the command id.
   */
  void templateFinished(String appid, TemplateFinished finished) {
    publisher.templateFinished(appid, finished);
    meters.templateFinished(finished.succeeded() ? "succeeded" : "failed");
  }

  /**
   * A publish task's finish that came before WeChat's answer to its submit was linked: published by
   * the submit, keyed by the command id.
   */
  void publishFinished(String appid, PublishFinished finished) {
    publisher.publishFinished(appid, finished);
    meters.publishFinished(finished.status());
  }

  /**
   * The command's terminal result: stored in the ledger, and what the ledger holds published (an
   * earlier result, if another worker finished the command first).
   */
  void finished(InboundRecord origin, String appid, CommandResult result, Map<String, Object> trace)
      throws InterruptedException {
    String status = result.status().name().toLowerCase(Locale.ROOT);
    spans.end(RESULT, result.commandId(), status, () -> store(origin, appid, result, trace));
    meters.command(result.commandType(), status);
  }

  private void store(
      InboundRecord origin, String appid, CommandResult result, Map<String, Object> trace)
      throws InterruptedException {
    byte[] value = publisher.encodeResult(appid, result, trace);
    boolean dead = result.status() == CommandResult.Status.DEAD;
    // Redis unreachable now must not cost the result: it is kept and stored once Redis is back.
    byte[] stored =
        writes.writeAndGet(
            "storing the result of " + result.commandId(),
            () ->
                dead
                    ? ledger.completeDead(result.commandId(), origin.key(), value)
                    : ledger.complete(result.commandId(), origin.key(), value));
    publisher.result(result.commandId(), stored);
    notePublished(result.commandId(), origin);
  }

  /**
   * The command was done before: its stored result goes out again, and no call; unless it went out
   * already for this very record (processed again because its offset was not committed when its
   * worker stopped), whose readers have it.
   */
  void replayed(InboundRecord origin, String commandType, String commandId, Claim.Done done)
      throws InterruptedException {
    if (done.publishedFor(origin.where())) {
      return;
    }
    spans.end(
        RESULT,
        commandId,
        "replayed",
        () -> {
          publisher.result(commandId, done.result());
          notePublished(commandId, origin);
        });
    meters.command(commandType, "replayed");
  }

  /** Best effort: a note lost costs one duplicate result if the record is processed again. */
  private void notePublished(String commandId, InboundRecord origin) {
    try {
      ledger.published(commandId, origin.where());
    } catch (RuntimeException e) {
      // the result went out; at worst a record processed again publishes it once more
    }
  }

  /**
   * The record goes to the retry topic, due at {@code due}, after {@code attempts} since its first
   * at {@code firstTried} (what its retry horizon counts from); {@code unanswered}: one of them
   * went without an answer (the record says so, for the dead letter should the command die); {@code
   * why} names the kind of retry in the metrics ({@code parked}, {@code behind}).
   */
  void parked(
      InboundRecord origin,
      String commandType,
      int attempts,
      Instant due,
      Instant firstTried,
      boolean unanswered,
      String why)
      throws InterruptedException {
    spans.end(
        "park",
        null,
        why,
        () -> publisher.park(origin, new Parked(attempts, due, firstTried, unanswered)));
    meters.retry(commandType, why);
  }

  /**
   * Not an end: page {@code page} of a walk's run {@code run}, published (keyed by the command id,
   * with its trace context) before the next is read and before the result. Its event id names the
   * run (new each time the walk starts from page 0, in any processing), so a walk read again never
   * reuses an earlier run's ids. A failure to publish fails the processing, as a result's does, and
   * the record is tried again.
   */
  void page(CallPlan plan, String run, UsersPage page) {
    String eventId =
        CloudEvent.derivedId("page-", plan.commandId() + ":" + run + ":" + page.page());
    publisher.usersPage(plan.appid(), eventId, page, plan.traceContext());
  }

  /** Not an end: a retry slept in process, counted with the parked ones. */
  void sleptOn(String commandType) {
    meters.retry(commandType, "in_process");
  }

  /** DEAD after its attempts: the dead letter, then the result the ledger keeps for replays. */
  void dead(
      InboundRecord origin,
      String appid,
      DeadLetter letter,
      CommandResult result,
      Map<String, Object> trace)
      throws InterruptedException {
    deadLetter(origin, appid, letter);
    finished(origin, appid, result, trace);
  }

  /**
   * DEAD before any attempt (not valid, or not a command the worker can carry out): the dead
   * letter, then the result when there is an id to key it by. Not stored in the ledger: a corrected
   * command may come again under the same id. The result carries the command's {@code trace}
   * context, as far as it could be read.
   */
  void rejected(
      InboundRecord origin,
      @Nullable String appid,
      DeadLetter letter,
      Optional<CommandResult> result,
      Map<String, Object> trace) {
    deadLetter(origin, appid, letter);
    result.ifPresent(r -> publisher.result(r.commandId(), publisher.encodeResult(appid, r, trace)));
    meters.command(letter.commandType() == null ? "unknown" : letter.commandType(), "dead");
  }

  private void deadLetter(InboundRecord origin, @Nullable String appid, DeadLetter letter) {
    publisher.deadLetter(origin, appid, letter);
    meters.deadLetter(letter.errorClass().json());
  }

  /**
   * A command that did not succeed: FAILED or UNKNOWN with WeChat's last answer, or DEAD with its
   * dead letter (the last answer and the original record) first, then the result.
   */
  void unsuccessful(
      CallPlan plan, InboundRecord origin, ResultSheet sheet, Verdict.End verdict, Instant now)
      throws InterruptedException {
    switch (verdict) {
      case Verdict.Failed f ->
          finished(
              origin,
              plan.appid(),
              sheet.result(Status.FAILED, f.refused(), f.refused().errorClass(), null, now),
              plan.traceContext());
      case Verdict.Undetermined u ->
          finished(
              origin,
              plan.appid(),
              sheet.result(
                  Status.UNKNOWN, u.unknown(), ErrorClass.UNKNOWN, u.unknown().errmsg(), now),
              plan.traceContext());
      case Verdict.Dead dead -> {
        CallOutcome.Failure last = dead.outcome();
        DeadLetter letter =
            DeadLetter.gaveUp(
                dead.reason(),
                dead.why(),
                plan.commandId(),
                plan.commandType(),
                sheet.attempts(),
                sheet.unanswered(),
                last.errcode(),
                last.errmsg(),
                original(origin),
                now);
        dead(
            origin,
            plan.appid(),
            letter,
            sheet.result(Status.DEAD, last, last.errorClass(), dead.why(), now),
            plan.traceContext());
      }
      case Verdict.Succeeded ok ->
          throw new IllegalArgumentException("a success ends with its links and library count");
    }
  }

  /** Where {@code record} was and what it held, byte for byte, for its dead letter. */
  static Original original(InboundRecord record) {
    return Original.of(
        record.topic(), record.partition(), record.offset(), record.key(), record.value());
  }
}
