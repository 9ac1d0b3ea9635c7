package io.wxrelay.token.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.kit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Bearer tokens of the HTTP API as token-service keeps them: their SHA-256 only. A bearer is read
 * from a file (trimmed: a trailing newline is fine), checked and hashed at once; errors name the
 * file, never its content.
 */
public final class Bearers {
  /** Shortest bearer accepted: guessing 16 random characters is out of reach. */
  public static final int MIN_LENGTH = 16;

  private static final int MAX_LENGTH = 4096;

  private Bearers() {}

  /**
   * SHA-256 of the bearer written in {@code file}.
   *
   * @param variable the variable to blame
   * @param context what the error message starts with (e.g. which client), or ""
   */
  public static byte[] readDigest(Path file, String variable, String context) {
    String bearer;
    try {
      bearer = Files.readString(file, UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          variable,
          context
              + "cannot read the bearer file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
    if (bearer.length() < MIN_LENGTH || bearer.length() > MAX_LENGTH) {
      throw new ConfigException(
          variable,
          context
              + "the bearer in "
              + file
              + " must be "
              + MIN_LENGTH
              + " to "
              + MAX_LENGTH
              + " characters long, is "
              + bearer.length());
    }
    if (!bearer.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ConfigException(
          variable,
          context
              + "the bearer in "
              + file
              + " must be one line of printable ASCII without spaces");
    }
    return sha256(bearer);
  }

  /** A digest written as 64 hexadecimal digits ({@code sha256sum}'s output). */
  public static byte[] parseDigest(String hex, String variable, String context) {
    String digits = hex.strip().toLowerCase(Locale.ROOT);
    if (!digits.matches("[0-9a-f]{64}")) {
      throw new ConfigException(variable, context + "bearerSha256 must be 64 hexadecimal digits");
    }
    return HexFormat.of().parseHex(digits);
  }

  /** SHA-256 of {@code bearer}'s UTF-8 bytes. */
  public static byte[] sha256(String bearer) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bearer.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
