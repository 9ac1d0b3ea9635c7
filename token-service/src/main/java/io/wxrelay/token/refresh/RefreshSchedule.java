package io.wxrelay.token.refresh;

import io.wxrelay.kit.retry.Backoff;
import io.wxrelay.token.store.StoredToken;
import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When one account's token is refreshed next. A token is due when there is none of the account's
 * endpoint, when a worker reported its generation invalid, or at its expiry less the margin (never
 * in the first half of its life); a refresh that failed holds the next one back by the wait its
 * failure calls for. No clock and no I/O: every time is passed in, and the only state is what the
 * failures so far hold back. Not thread-safe: one refresher's loop owns it.
 */
final class RefreshSchedule {
  /** The longest wait before looking again: a wake-up missed costs at most this. */
  static final Duration MAX_SLEEP = Duration.ofSeconds(10);

  /** No force refresh budget left today: the wait before asking again. */
  private static final Duration BUDGET_SPENT_WAIT = Duration.ofHours(1);

  private final RefreshSettings settings;
  private final Endpoint endpoint;
  private Instant notBefore = Instant.MIN;
  private int transientFailures;

  RefreshSchedule(RefreshSettings settings, Endpoint endpoint) {
    this.settings = settings;
    this.endpoint = endpoint;
  }

  /**
   * Why {@code stored} must be refreshed at {@code now}; empty when it need not be yet. {@code
   * reportedInvalid}: the generation a worker last reported failing (-1: none).
   */
  Optional<Reason> due(Optional<StoredToken> stored, long reportedInvalid, Instant now) {
    if (stored.isEmpty() || !stored.get().endpoint().equals(endpoint.label())) {
      return Optional.of(Reason.STARTUP);
    }
    if (reportedInvalid == stored.get().generation()) {
      return Optional.of(Reason.REPORTED_INVALID);
    }
    if (!now.isBefore(refreshAt(stored.get()))) {
      return Optional.of(Reason.AHEAD_OF_EXPIRY);
    }
    return Optional.empty();
  }

  /**
   * When {@code token} is due: its expiry less the margin, but never in the first half of its life
   * (a margin longer than WeChat's expires_in must not become a refresh loop burning quota).
   */
  Instant refreshAt(StoredToken token) {
    Instant byMargin = token.expiresAt().minus(settings.marginFor(endpoint));
    Duration life = Duration.between(token.obtainedAt(), token.expiresAt());
    Instant halfLife = token.obtainedAt().plus(life.dividedBy(2));
    return byMargin.isAfter(halfLife) ? byMargin : halfLife;
  }

  /** How long to wait at {@code now}, with {@code token} not due: until it is, at most 10 s. */
  Duration untilDue(StoredToken token, Instant now) {
    Duration until = Duration.between(now, refreshAt(token));
    return until.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : until;
  }

  /** How long a refresh due at {@code now} still waits after an earlier failure; zero: none. */
  Duration heldFor(Instant now) {
    return now.isBefore(notBefore) ? Duration.between(now, notBefore) : Duration.ZERO;
  }

  /** A token was issued (written, or another replica's newer one kept): failures are forgotten. */
  void issued() {
    transientFailures = 0;
    notBefore = Instant.MIN;
  }

  /** A stable token asked for before its renewal window came back the same: look again soon. */
  void unchanged(Instant now) {
    notBefore = now.plus(settings.stableRenewWindow().dividedBy(10));
  }

  /**
   * No force refresh at {@code now}: {@code left} is what the budget answered (-2: too soon after
   * the last one; any other negative: none left today).
   */
  void budgetSpent(long left, Instant now) {
    notBefore = now.plus(left == -2 ? settings.forceMinInterval() : BUDGET_SPENT_WAIT);
  }

  /** WeChat refused the configuration at {@code now}; returns the wait before trying again. */
  Duration configError(Instant now) {
    return holdFor(settings.configErrorBackoff(), now);
  }

  /** The daily quota was spent at {@code now}; returns the wait before trying again. */
  Duration quotaSpent(Instant now) {
    return holdFor(settings.quotaBackoff(), now);
  }

  /** A fetch failed for now at {@code now}; returns how many did in a row. */
  int transientFailure(Instant now) {
    transientFailures++;
    holdFor(backoff(), now);
    return transientFailures;
  }

  /**
   * The wait after the temporary failures so far: exponential from TOKEN_RETRY_MIN to
   * TOKEN_RETRY_MAX, with up to 50 % jitter.
   */
  Duration backoff() {
    return new Backoff(settings.retryMin(), settings.retryMax()).after(transientFailures);
  }

  private Duration holdFor(Duration wait, Instant now) {
    notBefore = now.plus(wait);
    return wait;
  }
}
