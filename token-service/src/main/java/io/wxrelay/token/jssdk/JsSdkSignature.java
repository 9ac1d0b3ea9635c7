package io.wxrelay.token.jssdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * WeChat's JS-SDK signature (docs/wechat-api.md §12.2): sha1 of {@code
 * jsapi_ticket=…&noncestr=…&timestamp=…&url=…}, the url without its {@code #} fragment and not
 * URL-encoded, as lower-case hex. A page gets the signature, never the ticket.
 */
public final class JsSdkSignature {
  private static final String NONCE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int NONCE_LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private JsSdkSignature() {}

  /** What a page passes to {@code wx.config}; it holds no secret. */
  public record Signed(String appId, long timestamp, String nonceStr, String signature) {}

  /** The signature of {@code url} (its fragment is removed here) with these values. */
  public static String sign(String ticket, String nonceStr, long timestamp, String url) {
    String plain =
        "jsapi_ticket="
            + ticket
            + "&noncestr="
            + nonceStr
            + "&timestamp="
            + timestamp
            + "&url="
            + withoutFragment(url);
    return sha1Hex(plain);
  }

  /** {@code url} without {@code #} and what follows it. */
  public static String withoutFragment(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  /** A random nonce of 16 letters and digits. */
  public static String newNonce() {
    StringBuilder nonce = new StringBuilder(NONCE_LENGTH);
    for (int i = 0; i < NONCE_LENGTH; i++) {
      nonce.append(NONCE_CHARS.charAt(RANDOM.nextInt(NONCE_CHARS.length())));
    }
    return nonce.toString();
  }

  static String sha1Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
