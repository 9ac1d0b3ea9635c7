package io.wxrelay.kit.accounts;

/**
 * The secrets of the accounts file a service resolves: only those it uses, so a process never holds
 * (nor needs to be given) another service's keys. Secrets of a kind not asked for are never read —
 * not from their file, not from their environment variable — and are {@code null} in the {@link
 * Account}.
 */
public enum Secrets {
  /** The AppSecret ({@code secret}): token-service alone fetches tokens with it. */
  APP_SECRET,
  /**
   * The callback token and the EncodingAESKeys, current and previous: the gateway alone checks and
   * decrypts WeChat's pushes with them.
   */
  CALLBACK
}
