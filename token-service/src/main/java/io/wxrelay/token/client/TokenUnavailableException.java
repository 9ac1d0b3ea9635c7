package io.wxrelay.token.client;

/** No usable token for an account: none in Redis yet, or no newer one within the wait bound. */
public final class TokenUnavailableException extends RuntimeException {
  public TokenUnavailableException(String message) {
    super(message);
  }
}
