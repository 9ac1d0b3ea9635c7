package io.wxrelay.token.refresh;

import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import java.time.Duration;

/**
 * How a replica refreshes tokens: its lock, the refresh schedule, and the waits after each kind of
 * failure.
 *
 * @param replicaId the lock owner id, in logs
 * @param lockLease how long one replica holds an account's refresh lock
 * @param refreshMargin how long before expiry a classic token is refreshed
 * @param stableRenewWindow WeChat's renewal window of stable tokens
 * @param forceDailyLimit stable_token force refreshes a day
 * @param forceMinInterval the least time between two force refreshes
 * @param configErrorBackoff the wait after a configuration error (wrong secret, not whitelisted)
 * @param quotaBackoff the wait after 45009 (daily quota)
 * @param retryMin the first wait after a temporary error
 * @param retryMax the longest wait after temporary errors
 */
public record RefreshSettings(
    String replicaId,
    Duration lockLease,
    Duration refreshMargin,
    Duration stableRenewWindow,
    int forceDailyLimit,
    Duration forceMinInterval,
    Duration configErrorBackoff,
    Duration quotaBackoff,
    Duration retryMin,
    Duration retryMax) {

  /** How long before expiry a token of {@code endpoint} is refreshed. */
  public Duration marginFor(Endpoint endpoint) {
    if (endpoint == Endpoint.CLASSIC) {
      return refreshMargin;
    }
    // WeChat renews a stable token only in its last minutes; asking earlier returns the same one.
    Duration insideWindow = stableRenewWindow.multipliedBy(9).dividedBy(10);
    return refreshMargin.compareTo(insideWindow) < 0 ? refreshMargin : insideWindow;
  }
}
