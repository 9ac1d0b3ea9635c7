package io.wxrelay.token.store;

import java.time.Duration;
import java.util.Optional;

/**
 * How many invalidations each API client may ask for in any hour (a sliding window). One charge per
 * token a client reports: asking again about the same generation of the same app is free, as
 * token-service refreshes a generation once however often it is reported.
 */
public interface InvalidateBudget {
  /** The window a client's budget counts in. */
  Duration WINDOW = Duration.ofHours(1);

  /**
   * Charges {@code client} for reporting {@code generation} of {@code appid} invalid, unless it
   * already was in the window.
   *
   * @param perHour the client's budget, at least 1
   * @return empty when accepted, else how long until the oldest charge leaves the window
   */
  Optional<Duration> take(String client, String appid, long generation, int perHour);
}
