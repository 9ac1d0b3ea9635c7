package io.wxrelay.worker.dispatch;

import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TokenUnavailableException;
import io.wxrelay.token.client.Tokens;
import io.wxrelay.worker.consume.CallWindow;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.ratelimit.Throttle;
import io.wxrelay.worker.ratelimit.Throttle.Permit;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.CallOutcome.Retry;
import io.wxrelay.worker.wechat.CallOutcome.Throttled;
import io.wxrelay.worker.wechat.CallOutcome.TokenExpired;
import io.wxrelay.worker.wechat.WeChat;
import java.time.Duration;

/**
 * One WeChat call done right: wait for the rate-limit permit, call with the current token, and on
 * "token expired" ask once for a newer token and call once more (OkHttp's Authenticator contract,
 * docs/architecture.md, convention 5). A 45011 pauses the API for every worker before it is
 * returned.
 */
public final class CallExecutor {
  /** The calls meter's class of a 45011 answer (the per-minute quota), apart from other retries. */
  static final String THROTTLED = "throttled";

  private final WeChat api;
  private final Tokens tokens;
  private final Throttle throttle;
  private final WorkerMeters.Recorder meters;

  public CallExecutor(WeChat api, Tokens tokens, Throttle throttle, WorkerMeters.Recorder meters) {
    this.api = api;
    this.tokens = tokens;
    this.throttle = throttle;
    this.meters = meters;
  }

  /**
   * Waits for a permit, running {@code beforeSend} while the send is booked; {@link Permit#send}:
   * the call may be made, after {@link #go}.
   */
  Permit awaitPermit(String appid, ApiCall call, Throttle.BeforeSend beforeSend)
      throws InterruptedException {
    return throttle.acquire(appid, call.api(), beforeSend);
  }

  /**
   * The last step before {@code call} is made under {@code permit}: waits until the calls before it
   * leave room at WeChat's side. From here on the call counts for the limit until {@link #over},
   * which must follow whatever happens (in a {@code finally}). The time waited for the limit, here
   * and for the permit, is one sample of the rate-limit wait.
   */
  void go(Permit permit, ApiCall call) throws InterruptedException {
    Duration held = throttle.go(permit);
    meters.rateWait(call.api(), permit.waited().plus(held));
  }

  /** The call of {@code permit} is over, answered, failed or not made: the limiter is told. */
  void over(Permit permit) {
    throttle.answered(permit);
  }

  /** Sends {@code request} for {@code appid}; an upload's file is taken from {@code files}. */
  CallOutcome call(String appid, Request request, LoadedFiles files) throws InterruptedException {
    CallOutcome outcome = answered(appid, request, files);
    if (outcome instanceof Throttled t) {
      // Retried once the pause is over: a pause longer than WORKER_PARK_AFTER parks the command
      // (and its key's later ones) instead of holding its place in process for up to a minute.
      Duration pause = throttle.throttled(appid, request.api());
      return new Retry(t.errcode(), t.errmsg(), pause, "throttled until the next window");
    }
    return outcome;
  }

  /** WeChat's answer to {@code request}, with a newer token once if the first had expired. */
  private CallOutcome answered(String appid, Request request, LoadedFiles files)
      throws InterruptedException {
    AccessToken token;
    try {
      token = tokens.current(appid);
    } catch (TokenUnavailableException e) {
      return new Retry(null, "no token: " + e.getMessage(), Duration.ZERO, "token unavailable");
    }
    CallOutcome outcome = timed(appid, request, files, token);
    // A stopping worker makes no second request: the refused one did nothing, so the command is
    // tried again or parked, by the next owner if need be.
    if (outcome instanceof TokenExpired && !CallWindow.stopRequested()) {
      try {
        token = tokens.renewAfterFailure(token);
      } catch (TokenUnavailableException e) {
        return outcome;
      }
      outcome = timed(appid, request, files, token);
    }
    return outcome;
  }

  private CallOutcome timed(String appid, Request request, LoadedFiles files, AccessToken token)
      throws InterruptedException {
    long start = System.nanoTime();
    // Interrupted during the call (revoked or stopping): the answer is kept all the same, and
    // stored as the command's result if it is one; the interrupt ends the run at its next wait.
    CallOutcome outcome = api.call(request, files, token.value());
    String cls =
        switch (outcome) {
          case Throttled t -> THROTTLED;
          case CallOutcome.Failure failure -> failure.errorClass().json();
          case CallOutcome.Ok ok -> "ok";
        };
    meters.call(appid, request.api(), cls, Duration.ofNanos(System.nanoTime() - start));
    return outcome;
  }
}
