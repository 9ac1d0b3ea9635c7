package io.wxrelay.gateway.callback;

import org.jspecify.annotations.Nullable;

/**
 * One account as the gateway knows it.
 *
 * @param token the callback token pushes are signed with
 * @param encodingAesKey the current EncodingAESKey, or null in plaintext mode
 * @param previousEncodingAesKey the key before a rotation, tried when the current one fails
 * @param encryptedOnly refuse plaintext pushes: the account is in compat or safe mode, where WeChat
 *     encrypts every push
 */
public record GatewayApp(
    String appid,
    String token,
    @Nullable String encodingAesKey,
    @Nullable String previousEncodingAesKey,
    boolean encryptedOnly) {

  @Override
  public String toString() {
    return "GatewayApp[" + appid + (encryptedOnly ? ", encrypted only" : "") + ", secrets hidden]";
  }
}
