package io.wxrelay.gateway.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's callback signatures (docs/wechat-api.md §6.1, §6.3): {@code sha1} of the sorted strings,
 * lowercase hex; {@code signature} over token, timestamp, nonce; {@code msg_signature} also over
 * the ciphertext. Compared in constant time.
 */
public final class Signatures {
  private Signatures() {}

  public static String sha1Sorted(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (String part : sorted) {
        sha1.update(part.getBytes(UTF_8));
      }
      return HexFormat.of().formatHex(sha1.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /** The SHA-256 of {@code body}, hex: which body a signed query string came with. */
  public static String fingerprint(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether {@code given} (hex, any case) is the signature of {@code parts}. */
  public static boolean matches(String given, String... parts) {
    if (given == null) {
      return false;
    }
    byte[] expected = sha1Sorted(parts).getBytes(UTF_8);
    return MessageDigest.isEqual(
        expected, given.toLowerCase(java.util.Locale.ROOT).getBytes(UTF_8));
  }
}
