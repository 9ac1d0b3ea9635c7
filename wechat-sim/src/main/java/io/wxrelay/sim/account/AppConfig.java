package io.wxrelay.sim.account;

import java.util.Objects;
import java.util.Set;

/**
 * One simulated Official Account.
 *
 * @param appid WeChat AppID ({@code wx} + 16 characters)
 * @param secret AppSecret the token endpoints check
 * @param originalId the account's original id ({@code gh_...}), ToUserName of its pushes
 * @param callbackUrl where pushes go, or null for none
 * @param callbackToken the token pushes are signed with
 * @param encodingAesKey 43-character EncodingAESKey (compat and safe modes)
 * @param ipWhitelist caller IPs the token endpoints accept; empty accepts all (else 40164)
 */
public record AppConfig(
    String appid,
    String secret,
    String originalId,
    String callbackUrl,
    String callbackToken,
    String encodingAesKey,
    Mode mode,
    AccountType type,
    Set<String> ipWhitelist) {

  public AppConfig {
    Objects.requireNonNull(appid, "appid");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(type, "type");
    ipWhitelist = Set.copyOf(ipWhitelist);
    if (mode != Mode.PLAIN && (encodingAesKey == null || encodingAesKey.length() != 43)) {
      throw new IllegalArgumentException(
          appid + ": " + mode + " mode needs a 43-character EncodingAESKey");
    }
  }

  /** A plaintext-mode service account with no callback, for tests. */
  public static AppConfig simple(String appid, String secret) {
    return new AppConfig(
        appid,
        secret,
        "gh_" + appid.substring(2, 14),
        null,
        "token",
        null,
        Mode.PLAIN,
        AccountType.SERVICE,
        Set.of());
  }

  public AppConfig withCallback(String url, String token, Mode mode, String encodingAesKey) {
    return new AppConfig(
        appid, secret, originalId, url, token, encodingAesKey, mode, type, ipWhitelist);
  }

  public AppConfig withType(AccountType type) {
    return new AppConfig(
        appid,
        secret,
        originalId,
        callbackUrl,
        callbackToken,
        encodingAesKey,
        mode,
        type,
        ipWhitelist);
  }

  public AppConfig withIpWhitelist(Set<String> ips) {
    return new AppConfig(
        appid, secret, originalId, callbackUrl, callbackToken, encodingAesKey, mode, type, ips);
  }
}
