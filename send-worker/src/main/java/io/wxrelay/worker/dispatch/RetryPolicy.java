package io.wxrelay.worker.dispatch;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.retry.Backoff;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.DeadLetter.Reason;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import io.wxrelay.worker.wechat.CallOutcome.Permanent;
import io.wxrelay.worker.wechat.CallOutcome.Refused;
import io.wxrelay.worker.wechat.CallOutcome.Retry;
import io.wxrelay.worker.wechat.CallOutcome.Unknown;
import io.wxrelay.worker.wechat.CallOutcome.Unusable;
import java.time.Duration;

/**
 * What follows an attempt, from its outcome alone (docs/architecture.md, the outcome table): done,
 * refused, dead, unknown, or again after a wait, slept in process when short and parked on the
 * retry topic when long. A pure function of the outcome, the attempts made, the time since the
 * first attempt and whether the command can be repeated then.
 */
public final class RetryPolicy {
  private final Settings settings;
  private final Backoff backoff;

  /**
   * How long a command is retried, and how long it waits between attempts. Retries are bounded by
   * time: an outage that WeChat, Kafka or token-service recovers from within the horizon costs
   * delay, not a dead letter. The attempt count is a second bound, against a command that fails
   * fast forever.
   *
   * @param maxAttempts attempts of a command before it is dead (retries exhausted), whatever the
   *     time
   * @param backoffBase the first retry's wait; each next one doubles, up to {@code backoffMax}
   * @param parkAfter waits longer than this are parked on the retry topic instead of slept
   * @param horizon how long after its first attempt a command may still be tried
   */
  public record Settings(
      int maxAttempts,
      Duration backoffBase,
      Duration backoffMax,
      Duration parkAfter,
      Duration horizon) {
    public static final int DEFAULT_MAX_ATTEMPTS = 200;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(200);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);
    public static final Duration DEFAULT_PARK_AFTER = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HORIZON = Duration.ofHours(6);

    public static Settings fromEnv(Env env) {
      return new Settings(
          env.integer("WORKER_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS, 1, 10_000),
          env.duration("WORKER_BACKOFF_BASE", DEFAULT_BACKOFF_BASE),
          env.duration("WORKER_BACKOFF_MAX", DEFAULT_BACKOFF_MAX),
          env.duration("WORKER_PARK_AFTER", DEFAULT_PARK_AFTER),
          env.duration("WORKER_RETRY_HORIZON", DEFAULT_HORIZON));
    }

    /** How long a command can stay unfinished at most: its horizon, and one more wait. */
    public Duration longestSchedule() {
      return horizon.plus(backoffMax);
    }
  }

  /** What the run does next: end the command, or try it again later. */
  public sealed interface Verdict {
    /** The command is over: one of these is its result. */
    sealed interface End extends Verdict {}

    /** Every call of the command went through. */
    record Succeeded(Ok ok) implements End {}

    /** WeChat refused it for a reason that is not the command's fault (quota, user window). */
    record Failed(Refused refused) implements End {}

    /** Dead: to the DLQ, with {@code reason} and a sentence that says why. */
    record Dead(CallOutcome.Failure outcome, Reason reason, String why) implements End {}

    /** Sent without an answer, and not safe to send again. */
    record Undetermined(Unknown unknown) implements End {}

    /** Try again in this process after {@code delay}. */
    record Again(Duration delay) implements Verdict {}

    /** Try again after {@code delay}, from the retry topic (the partition moves on meanwhile). */
    record Park(Duration delay) implements Verdict {}
  }

  public RetryPolicy(Settings settings) {
    this.settings = settings;
    this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
  }

  /**
   * The verdict on an attempt, the {@code attempts}-th of a command, that ended in {@code outcome},
   * {@code sinceFirst} after the command's first attempt (the retry horizon counts from it): an
   * unknown outcome is tried again only when {@code repeatableNow} (the plan's {@code
   * Repeatability} asked by the run: a template message within WeChat's dedupe window). A retry
   * that comes later than that is stopped before its call ({@code Claims}).
   */
  public Verdict judge(
      CallOutcome outcome, int attempts, Duration sinceFirst, boolean repeatableNow) {
    return switch (outcome) {
      case Ok ok -> new Verdict.Succeeded(ok);
      case Refused refused -> new Verdict.Failed(refused);
      case Permanent p -> new Verdict.Dead(p, Reason.PERMANENT, "WeChat refused it: " + p.errmsg());
      case Unusable u ->
          new Verdict.Dead(
              u,
              u.errorClass() == ErrorClass.INVALID ? Reason.INVALID : Reason.UNKNOWN,
              u.errmsg());
      case Unknown u when !repeatableNow -> new Verdict.Undetermined(u);
      case CallOutcome.Failure failure -> again(failure, attempts, sinceFirst);
    };
  }

  /**
   * A temporary outcome: nothing reached WeChat (a Retry, a 45011, an expired token), or an unknown
   * one of a repeatable command, so a new attempt is safe while the horizon (and the attempts)
   * last.
   */
  private Verdict again(CallOutcome.Failure outcome, int attempts, Duration sinceFirst) {
    if (attempts >= settings.maxAttempts()) {
      return new Verdict.Dead(
          outcome, Reason.RETRIES_EXHAUSTED, "gave up after " + attempts + " attempts");
    }
    Duration wait = backoff.after(attempts);
    if (outcome instanceof Retry r && r.minWait().compareTo(wait) > 0) {
      wait = r.minWait();
    }
    if (sinceFirst.plus(wait).compareTo(settings.horizon()) > 0) {
      return new Verdict.Dead(
          outcome,
          Reason.RETRIES_EXHAUSTED,
          "gave up after "
              + attempts
              + " attempts in "
              + sinceFirst.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              + ": the next would come after the retry horizon of "
              + settings.horizon());
    }
    return wait.compareTo(settings.parkAfter()) <= 0
        ? new Verdict.Again(wait)
        : new Verdict.Park(wait);
  }
}
