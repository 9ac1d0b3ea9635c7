package io.wxrelay.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What every service checks and derives ids with: the appid's form, and one digest. */
public final class Ids {
  /** A WeChat AppID: "wx" and 16 letters or digits ({@code common.schema.json#/$defs/appid}). */
  public static final String APPID_REGEX = "wx[0-9A-Za-z]{16}";

  private static final Pattern APPID = Pattern.compile(APPID_REGEX);

  private Ids() {}

  /** Whether {@code text} is a well-formed appid. */
  public static boolean isAppid(String text) {
    return text != null && APPID.matcher(text).matches();
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, 64 lower-case hex digits. */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
