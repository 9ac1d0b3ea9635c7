package io.wxrelay.token.refresh;

/** Why a refresh happens; a metric tag. */
enum Reason {
  /** No token in Redis (first start, Redis lost it, or the endpoint setting changed). */
  STARTUP("startup"),
  /** The current token is near its expiry. */
  AHEAD_OF_EXPIRY("ahead_of_expiry"),
  /** A worker saw the current generation fail. */
  REPORTED_INVALID("reported_invalid"),
  /** stable_token with force_refresh, after WeChat handed back the very token reported invalid. */
  FORCED("forced");

  final String tag;

  Reason(String tag) {
    this.tag = tag;
  }
}
