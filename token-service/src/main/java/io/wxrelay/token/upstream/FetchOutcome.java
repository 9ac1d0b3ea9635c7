package io.wxrelay.token.upstream;

/** How one call to a WeChat token endpoint ended. Produced by {@link FetchOutcomes#classify}. */
public sealed interface FetchOutcome {
  /** A token, valid for {@code expiresInSeconds}. */
  record Issued(String token, long expiresInSeconds) implements FetchOutcome {
    @Override
    public String toString() {
      return "Issued[expiresIn=" + expiresInSeconds + "s]"; // never the token itself
    }
  }

  /** Wrong appid, secret, grant type or IP whitelist: retrying will not help; an operator must. */
  record ConfigError(int errcode, String reason) implements FetchOutcome {}

  /** The daily quota is spent (45009): wait until it returns. */
  record QuotaExhausted(int errcode, String reason) implements FetchOutcome {}

  /** WeChat busy, network trouble, a timeout: try again with backoff. */
  record Transient(String reason) implements FetchOutcome {}
}
