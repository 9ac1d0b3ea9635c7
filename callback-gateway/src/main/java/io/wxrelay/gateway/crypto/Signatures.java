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
  /** Prototypes cloned per use: cheaper than a provider look-up on every push. */
  private static final MessageDigest SHA1 = digest("SHA-1");

  private static final MessageDigest SHA256 = digest("SHA-256");
  private static final HexFormat HEX = HexFormat.of();

  private Signatures() {}

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  private static MessageDigest fresh(MessageDigest prototype) {
    try {
      return (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return digest(prototype.getAlgorithm()); // a provider whose digests do not clone
    }
  }

  public static String sha1Sorted(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    MessageDigest sha1 = fresh(SHA1);
    for (String part : sorted) {
      sha1.update(part.getBytes(UTF_8));
    }
    return HEX.formatHex(sha1.digest());
  }

  /** The SHA-256 of {@code body}, hex: which body a signed query string came with. */
  public static String fingerprint(byte[] body) {
    return HEX.formatHex(fresh(SHA256).digest(body));
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
