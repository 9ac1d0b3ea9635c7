package io.wxrelay.worker.dispatch;

import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.consume.CallWindow;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.dispatch.RetryPolicy.Verdict;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.library.MaterialLibrary;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.media.MediaFiles;
import io.wxrelay.worker.parking.Parked;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.Repeatability;
import io.wxrelay.worker.time.MonotonicClock;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Carries out a planned command: attempts until the {@link RetryPolicy} says it is over, then ends
 * it with exactly one terminal result, or parks it for later ({@link CommandEnd}). Each call is
 * made under its rate-limit permit and the command's claim ({@link PermittedCall}, {@link Claims});
 * what was done adds up on a {@link ResultSheet}. Thread-safe: the state of a run lives in the run.
 */
public final class CommandRun {
  private static final String TAKEN_OVER =
      "a worker that held this command stopped during its call; WeChat may or may not have"
          + " acted, and this command cannot be repeated safely";

  private static final String PAST_WINDOW =
      "an earlier attempt may have reached WeChat (its answer was lost, or the worker that made it"
          + " stopped), and the command's first attempt may be more than %s ago: WeChat's dedupe"
          + " would no longer keep a repeat from being a second message";

  private final PermittedCall oneCall;
  private final MediaFiles media;
  private final RetryPolicy policy;
  private final CommandLedger ledger;
  private final LedgerWrites writes;
  private final Links links;
  private final CommandEnd end;
  private final LibraryCount library;
  private final Settings settings;

  /** A lease's age is measured on a clock that a step of the system clock cannot move. */
  private static final InstantSource LEASE_CLOCK = new MonotonicClock();

  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * How a run holds its command and shows what it made.
   *
   * @param claimLease how long a claim holds a command for one worker (longer than one call)
   * @param qrImageBase where a created QR code's image is shown ({@code showqrcode})
   * @param instance this worker process, unique among the workers (its claims' owners start with
   *     it)
   */
  public record Settings(Duration claimLease, String qrImageBase, String instance) {}

  /** How an attempt ended: with its last call's outcome, or stopped by the claim before a call. */
  private sealed interface Step {
    record Called(CallOutcome outcome) implements Step {}

    record Stopped(Claim why) implements Step {}
  }

  /**
   * {@code media} loads the files of uploads, once per processing; {@code library} says what a
   * material count means against the caps.
   */
  public CommandRun(
      CallExecutor calls,
      MediaFiles media,
      RetryPolicy policy,
      CommandLedger ledger,
      LedgerWrites writes,
      Links links,
      CommandEnd end,
      MaterialLibrary library,
      Settings settings,
      Clock clock,
      Sleeper sleeper) {
    this.oneCall = new PermittedCall(calls, clock);
    this.media = media;
    this.policy = policy;
    this.ledger = ledger;
    this.writes = writes;
    this.links = links;
    this.end = end;
    this.library = new LibraryCount(calls, library);
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Runs {@code plan}, from {@code origin}, after {@code attemptsBefore} earlier attempts. */
  public void run(CallPlan plan, InboundRecord origin, int attemptsBefore)
      throws InterruptedException {
    ResultSheet sheet = new ResultSheet(plan, attemptsBefore, settings.qrImageBase());
    Optional<Parked> parked = Parked.of(origin);
    if (parked.map(Parked::unanswered).orElse(false)) {
      sheet.sentWithoutAnswer();
    }
    RepeatWindow window = RepeatWindow.of(plan.repeat(), origin, parked, sheet, clock);
    Claims claims =
        new Claims(
            ledger,
            writes,
            settings.claimLease(),
            LEASE_CLOCK,
            sleeper,
            plan,
            origin.key(),
            owner(origin),
            sheet::unanswered,
            window::repeatableNow);
    LoadedFiles files = new LoadedFiles(media);
    if (!plan.steps().isEmpty()) {
      sheet.recalled(writes.writeAndGet("recall steps", () -> ledger.stepsDone(plan.commandId())));
    }
    while (true) {
      Optional<Duration> again;
      try {
        again = attemptAndJudge(plan, origin, claims, sheet, files, window);
      } finally {
        CallWindow.leave(); // a stop asked for during the call takes effect now
      }
      if (again.isEmpty()) {
        return;
      }
      try {
        sleeper.sleep(again.get());
      } catch (InterruptedException e) {
        // Again follows outcomes that did not reach WeChat, or a repeatable plan's (a send in doubt
        // keeps its claim: releaseIdle says).
        claims.releaseIdle();
        throw e;
      }
    }
  }

  /**
   * One attempt and what follows from it, in the call window ({@link CallWindow}): the command
   * ends, is parked or stopped (empty), or is tried again after the returned delay.
   */
  private Optional<Duration> attemptAndJudge(
      CallPlan plan,
      InboundRecord origin,
      Claims claims,
      ResultSheet sheet,
      LoadedFiles files,
      RepeatWindow window)
      throws InterruptedException {
    int attempts = sheet.attempt();
    Step step = attempt(plan, claims, sheet, files);
    if (step instanceof Step.Stopped stopped) {
      stopped(plan, origin, sheet, stopped.why(), window.firstTried());
      return Optional.empty();
    }
    CallOutcome outcome = ((Step.Called) step).outcome();
    if (outcome instanceof CallOutcome.Unknown) {
      sheet.sentWithoutAnswer();
    }
    boolean repeatableNow = window.repeatableNow(claims.claimedClean());
    switch (policy.judge(outcome, attempts, window.sinceFirst(), repeatableNow)) {
      case Verdict.Again again -> {
        end.sleptOn(plan.commandType());
        claims.rest();
        return Optional.of(again.delay());
      }
      case Verdict.Park park -> {
        park(plan, origin, claims, sheet, attempts, window.firstTried(), park);
        return Optional.empty();
      }
      case Verdict.End verdict -> {
        ended(plan, origin, claims, sheet, files, verdict);
        return Optional.empty();
      }
    }
  }

  /**
   * Parks the command on the retry topic. Nothing of a Retry (a 45011 included) or TokenExpired
   * reached WeChat, and a repeatable plan may be repeated: the claim goes first, so that a death
   * before the retry record is written leaves nothing in doubt. A send in doubt (a template message
   * whose answer was lost) writes its retry record first and keeps its claim as in a call until
   * then: a death in between leaves a claim the next processing takes over and asks the window.
   */
  private void park(
      CallPlan plan,
      InboundRecord origin,
      Claims claims,
      ResultSheet sheet,
      int attempts,
      Instant firstTried,
      Verdict.Park park)
      throws InterruptedException {
    Instant due = clock.instant().plus(park.delay());
    boolean inDoubt = claims.inDoubt();
    if (!inDoubt) {
      claims.park(due);
    }
    end.parked(origin, plan.commandType(), attempts, due, firstTried, sheet.unanswered(), "parked");
    if (inDoubt) {
      claims.park(due);
    }
  }

  /**
   * The owner of the claims of a processing of {@code origin}: this worker and the record, so that
   * this worker processing the record again (after a failure, or after its partition came back)
   * resumes its own claim instead of waiting out the lease.
   */
  private String owner(InboundRecord origin) {
    return settings.instance() + "/" + origin.where();
  }

  /**
   * Makes the calls not done yet, in order, each with what earlier steps made, and a walk's next
   * page after its answer; the first that is not Ok ends the attempt. A step's outcome is
   * remembered in the ledger before the next call.
   */
  private Step attempt(CallPlan plan, Claims claims, ResultSheet sheet, LoadedFiles files)
      throws InterruptedException {
    @Nullable CallOutcome last = null;
    Deque<ApiCall> todo = new ArrayDeque<>(plan.calls());
    for (ApiCall planned = todo.poll(); planned != null; planned = todo.poll()) {
      if (sheet.done(planned)) {
        continue;
      }
      ApiCall call = planned.filledFrom(sheet.stepsDone());
      Optional<CallOutcome> made = oneCall.make(plan, call, claims, sheet, files);
      if (made.isEmpty()) {
        return new Step.Stopped(claims.refusal().orElseThrow());
      }
      last = made.get();
      if (!(last instanceof Ok ok)) {
        return new Step.Called(last);
      }
      accepted(plan, sheet, call, ok).ifPresent(todo::add);
    }
    // An attempt follows a call that was not Ok, so at least that call is made again.
    return new Step.Called(Objects.requireNonNull(last, "an attempt with no call to make"));
  }

  /**
   * WeChat accepted {@code call}: it goes on the sheet; a step's media is remembered in the ledger,
   * a broadcast chunk's msg_id (a template message's msgid) linked to the command for WeChat's
   * report of the finished job, a walk's page published. Returns the call that follows from the
   * answer: a walk's next page.
   */
  private Optional<ApiCall> accepted(CallPlan plan, ResultSheet sheet, ApiCall call, Ok ok)
      throws InterruptedException {
    switch (call) {
      case ApiCall.Step step -> {
        String made = sheet.stepMade(step, ok);
        writes.write("remember step", () -> ledger.stepDone(plan.commandId(), step.name(), made));
      }
      case ApiCall.Plain plain -> {
        sheet.answered(plain, links.menuAnswered(plan, plain, ok));
        links.answered(plan, ok).ifPresent(early -> end.templateFinished(plan.appid(), early));
        links.submitted(plan, ok).ifPresent(early -> end.publishFinished(plan.appid(), early));
      }
      case ApiCall.Chunk chunk -> {
        sheet.chunkSent(chunk, ok);
        ResultSheet.msgId(ok).ifPresent(msgId -> links.broadcastSent(plan, chunk.index(), msgId));
      }
      case ApiCall.Part part -> sheet.partAnswered(part, ok);
      case ApiCall.Page page -> {
        WalkPages.Read read = sheet.pageRead(page, ok);
        read.page().ifPresent(p -> end.page(plan, sheet.walkRun(), p));
        return read.next().map(ApiCall.class::cast);
      }
    }
    return Optional.empty();
  }

  /**
   * The claim stopped the run before a call. What follows writes (a replay, a park, an UNKNOWN), so
   * it happens in the call window, or not at all when the record is being stopped: the next owner
   * finds the same.
   */
  private void stopped(
      CallPlan plan, InboundRecord origin, ResultSheet sheet, Claim why, Instant firstTried)
      throws InterruptedException {
    if (!CallWindow.enter()) {
      Thread.interrupted();
      throw new InterruptedException("stopping; " + why.getClass().getSimpleName() + " left");
    }
    switch (why) {
      case Claim.Done done -> end.replayed(origin, plan.commandType(), plan.commandId(), done);
      // An earlier command of this key is parked: this one follows it on the retry topic (the
      // same key, so the same partition, after it) instead of overtaking it. Not an attempt.
      case Claim.Behind behind ->
          end.parked(
              origin,
              plan.commandType(),
              sheet.attempts() - 1,
              behind.due(),
              firstTried,
              sheet.unanswered(),
              "behind");
      case Claim.Granted taken ->
          end.finished(
              origin,
              plan.appid(),
              sheet.result(
                  Status.UNKNOWN, null, ErrorClass.UNKNOWN, inDoubt(plan), clock.instant()),
              plan.traceContext());
      case Claim.Busy busy -> throw new IllegalStateException("a claim is waited for, not busy");
    }
  }

  /** Why a command in doubt ends UNKNOWN instead of being tried again. */
  private static String inDoubt(CallPlan plan) {
    return plan.repeat() instanceof Repeatability.Within within
        ? PAST_WINDOW.formatted(within.window())
        : TAKEN_OVER;
  }

  /**
   * A terminal verdict: the one result, and for DEAD its dead letter first. A success's result says
   * the material library it left ({@link LibraryCount}).
   */
  private void ended(
      CallPlan plan,
      InboundRecord origin,
      Claims claims,
      ResultSheet sheet,
      LoadedFiles files,
      Verdict.End verdict)
      throws InterruptedException {
    Instant now = clock.instant();
    switch (verdict) {
      case Verdict.Succeeded ok -> {
        links.qrCodeCreated(plan);
        boolean counted = library.succeeded(plan, sheet, ok.ok(), files, claims);
        end.finished(
            origin,
            plan.appid(),
            sheet.result(Status.SUCCEEDED, ok.ok(), null, null, now),
            plan.traceContext());
        if (!counted) {
          Thread.currentThread().interrupt(); // stopping: after the result, not instead of it
        }
      }
      case Verdict.Failed f -> end.unsuccessful(plan, origin, sheet, f, now);
      case Verdict.Undetermined u -> end.unsuccessful(plan, origin, sheet, u, now);
      case Verdict.Dead dead -> end.unsuccessful(plan, origin, sheet, dead, now);
    }
  }
}
