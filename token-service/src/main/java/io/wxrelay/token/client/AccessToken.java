package io.wxrelay.token.client;

import java.time.Instant;

/**
 * A token to call WeChat with, and its generation: when WeChat says it is invalid, report that
 * generation ({@link TokenClient#reportInvalid}), never a guess.
 */
public record AccessToken(String appid, String value, long generation, Instant expiresAt) {

  /** Never prints the token. */
  @Override
  public String toString() {
    return "AccessToken[" + appid + " gen " + generation + " expires " + expiresAt + "]";
  }
}
