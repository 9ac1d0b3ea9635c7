package io.wxrelay.token.store;

import java.time.Instant;

/**
 * An account's current token as kept in Redis.
 *
 * @param generation increases with every token written; a worker names the generation it saw fail,
 *     so a refresh happens only if that is still the current one
 * @param endpoint {@code stable} or {@code classic}: which WeChat endpoint issued it
 */
public record StoredToken(
    String appid,
    String token,
    long generation,
    Instant obtainedAt,
    Instant expiresAt,
    String endpoint) {

  /** Time left at {@code now}, never negative. */
  public java.time.Duration remaining(Instant now) {
    return now.isBefore(expiresAt)
        ? java.time.Duration.between(now, expiresAt)
        : java.time.Duration.ZERO;
  }

  /** No secrets in logs: the token is left out. */
  @Override
  public String toString() {
    return "StoredToken["
        + appid
        + " gen "
        + generation
        + " "
        + endpoint
        + " expires "
        + expiresAt
        + "]";
  }
}
