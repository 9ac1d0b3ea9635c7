package io.wxrelay.kit.accounts;

import java.util.Map;

/**
 * One WeChat Official Account as the accounts file describes it, with its secrets resolved. Each
 * service takes the part it needs: token-service the secret and endpoint, callback-gateway the
 * callback token, mode and keys, send-worker the rate limits.
 *
 * @param name a label for people (defaults to the appid)
 * @param secret the AppSecret; never logged
 * @param tokenEndpoint {@code stable} or {@code classic}
 * @param callbackToken the token WeChat signs pushes with; never logged
 * @param mode {@code plain}, {@code compat} or {@code safe}
 * @param encodingAesKey the 43-character EncodingAESKey (compat and safe), else null; never logged
 * @param previousEncodingAesKey the key before the last rotation, or null; never logged
 * @param rateLimits bucket ({@code mass}, {@code message/custom/send}, ...) to {@code
 *     <n>/<period>[/burst]}
 */
public record Account(
    String appid,
    String name,
    String secret,
    String tokenEndpoint,
    String callbackToken,
    String mode,
    String encodingAesKey,
    String previousEncodingAesKey,
    Map<String, String> rateLimits) {

  public Account {
    rateLimits = Map.copyOf(rateLimits);
  }

  /** No secrets: what {@code wxrelay accounts} prints. */
  @Override
  public String toString() {
    return "Account["
        + appid
        + " ("
        + name
        + "), token endpoint "
        + tokenEndpoint
        + ", callbacks "
        + mode
        + ", rate limits "
        + rateLimits
        + ", secrets hidden]";
  }
}
