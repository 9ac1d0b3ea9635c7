package io.wxrelay.worker.dispatch;

import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.worker.consume.CallWindow;
import io.wxrelay.worker.media.InvalidCommandException;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.media.MediaUnavailableException;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.ratelimit.Throttle.Permit;
import io.wxrelay.worker.wechat.CallOutcome;
import java.time.Clock;
import java.util.Optional;

/**
 * One call of a command's attempt, from its permit to the report that it is over: the rate limit's
 * booking (the command's claim held while the send is booked), the checks before the call (the
 * claim renewed, the uploads' files loaded, the worker not stopping), the limit's last check at
 * WeChat's side (decision 0044), the call, and the limiter told that it is over, whatever happens.
 */
final class PermittedCall {
  private final CallExecutor calls;
  private final Clock clock;

  PermittedCall(CallExecutor calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * Makes {@code call} of {@code plan}: its outcome (an unusable file's, without calling), or empty
   * when the claim stopped it before the call ({@link Claims#refusal} says why). Interrupted before
   * its request went out (a wait: the permit, the claim, the token, a free connection; an answer is
   * never dropped), nothing of this processing is in doubt: the claim is released at once.
   */
  Optional<CallOutcome> make(
      CallPlan plan, ApiCall call, Claims claims, ResultSheet sheet, LoadedFiles files)
      throws InterruptedException {
    try {
      // Claimed once the send is booked, not after the wait for it: a claim's round trip between
      // the rate limiter's last check and the request put sends closer than the limit allows.
      Permit permit = calls.awaitPermit(plan.appid(), call, claims::hold);
      if (!permit.send()) {
        return Optional.empty();
      }
      Optional<CallOutcome> refused = refusedBeforeTheCall(plan, claims, sheet, files);
      if (refused.isPresent()) {
        return refused;
      }
      try {
        calls.go(permit, call);
        // The wait for room at WeChat's side may have aged the claim too.
        claims.renewIfOld();
        sheet.calling(clock.instant());
        return Optional.of(calls.call(plan.appid(), call.request(), files));
      } finally {
        calls.over(permit);
      }
    } catch (InterruptedException e) {
      claims.releaseIdle();
      throw e;
    }
  }

  /**
   * The checks before a permitted call, before it counts for the limit (loading a file takes up to
   * the fetch timeout): the claim renewed (a send booked far ahead, a slow limit's next slot, may
   * have taken a third of its lease), the call's file loaded and checked (its outcome when
   * unusable), the worker not stopping.
   */
  private static Optional<CallOutcome> refusedBeforeTheCall(
      CallPlan plan, Claims claims, ResultSheet sheet, LoadedFiles files)
      throws InterruptedException {
    claims.renewIfOld();
    Optional<CallOutcome> unusable = unusableFile(plan, sheet, files);
    if (unusable.isPresent()) {
      return unusable;
    }
    if (!CallWindow.enter()) {
      stopBeforeCall(claims);
    }
    return Optional.empty();
  }

  /**
   * The first file of the uploads still to make that cannot be used. The files are loaded once the
   * command is claimed (a command already done never fetches its files again, a step made never its
   * thumbnail) and all before the first of those calls, so that one WeChat would refuse ends the
   * command with nothing sent. Each is loaded once per processing ({@link LoadedFiles}).
   */
  private static Optional<CallOutcome> unusableFile(
      CallPlan plan, ResultSheet sheet, LoadedFiles files) {
    for (ApiCall call : plan.calls()) {
      if (sheet.done(call)) {
        continue;
      }
      switch (call.request()) {
        case Request.Json json -> {}
        case Request.Query query -> {}
        case Request.Upload upload -> {
          try {
            files.load(upload.file());
          } catch (InvalidCommandException e) {
            return Optional.of(new CallOutcome.Unusable(e.reason(), ErrorClass.INVALID));
          } catch (MediaUnavailableException e) {
            return Optional.of(new CallOutcome.Unusable(e.reason(), ErrorClass.UNKNOWN));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The worker stops this record before its next call: nothing of this processing is in doubt
   * (every earlier call was answered, and a call not answered ends or parks the command before
   * another), so the claim goes at once and the next owner starts without waiting out the lease.
   */
  private static void stopBeforeCall(Claims claims) throws InterruptedException {
    boolean interrupted = Thread.interrupted(); // answered here, not by the release's socket
    claims.releaseIdle();
    throw new InterruptedException(
        "stopping before a call" + (interrupted ? " (interrupted)" : ""));
  }
}
