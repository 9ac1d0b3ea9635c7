package io.wxrelay.gateway.callback;

import org.jspecify.annotations.Nullable;

/**
 * One account as the gateway knows it.
 *
 * @param token the callback token pushes are signed with
 * @param encodingAesKey the current EncodingAESKey, or null in plaintext mode
 * @param previousEncodingAesKey the key before a rotation, tried when the current one fails
 * @param safeOnly refuse plaintext pushes (the account is in safe mode)
 */
public record GatewayApp(
    String appid,
    String token,
    @Nullable String encodingAesKey,
    @Nullable String previousEncodingAesKey,
    boolean safeOnly) {

  @Override
  public String toString() {
    return "GatewayApp[" + appid + (safeOnly ? ", safe only" : "") + ", secrets hidden]";
  }
}
