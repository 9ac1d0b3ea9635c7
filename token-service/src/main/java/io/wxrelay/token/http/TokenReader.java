package io.wxrelay.token.http;

import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TokenClient;

/** What the HTTP API asks of token-service's tokens: {@link TokenClient}'s two calls. */
public interface TokenReader {
  /** See {@link TokenClient#current}. */
  AccessToken current(String appid);

  /** See {@link TokenClient#reportInvalid}. */
  AccessToken reportInvalid(String appid, long generation);

  /** {@code client}'s tokens. */
  static TokenReader of(TokenClient client) {
    return new TokenReader() {
      @Override
      public AccessToken current(String appid) {
        return client.current(appid);
      }

      @Override
      public AccessToken reportInvalid(String appid, long generation) {
        return client.reportInvalid(appid, generation);
      }
    };
  }
}
