package io.wxrelay.token.client;

/**
 * Where a caller of WeChat gets its access tokens: {@link TokenClient} in a worker, anything that
 * keeps the same two promises in a test.
 */
public interface Tokens {
  /**
   * The current token of {@code appid}.
   *
   * @throws TokenUnavailableException when there is no valid one
   */
  AccessToken current(String appid);

  /**
   * OkHttp's {@code Authenticator} contract: WeChat said {@code used} is no longer valid; one newer
   * token, or an exception. The caller calls once more with it and never loops.
   *
   * @throws TokenUnavailableException when no newer token comes in time
   */
  AccessToken renewAfterFailure(AccessToken used);
}
