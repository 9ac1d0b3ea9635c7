package io.wxrelay.gateway.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.gateway.callback.rejection.Rejection;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts WeChat's safe/compat-mode bodies (docs/wechat-api.md §6.3): key = Base64(EncodingAESKey
 * + "="), AES-256-CBC with IV = the key's first 16 bytes, WeChat's PKCS#7 padding to 32-byte
 * blocks, plaintext {@code random(16) ‖ length(4, big-endian) ‖ message ‖ appid}. The appid at the
 * tail must be the account's. During a key rotation the previous key is tried when the current one
 * fails.
 */
public final class MessageCipher {
  private static final int BLOCK = 32;

  private final byte[] current;
  private final byte[] previous;

  public MessageCipher(String encodingAesKey, String previousEncodingAesKey) {
    this.current = key(encodingAesKey);
    this.previous = previousEncodingAesKey == null ? null : key(previousEncodingAesKey);
  }

  /** The plaintext message for {@code appid}, or a {@link Rejection} saying what was wrong. */
  public String decrypt(String base64, String appid) {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new Rejection(400, "bad_base64", "Encrypt is not Base64");
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new Rejection(400, "bad_length", "ciphertext is not whole AES blocks");
    }
    try {
      return open(current, cipherText, appid);
    } catch (Rejection first) {
      if (previous == null) {
        throw first;
      }
      return open(previous, cipherText, appid); // the official FAQ: try the old key on failure
    }
  }

  private static String open(byte[] key, byte[] cipherText, String appid) {
    byte[] plain;
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
      aes.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new IvParameterSpec(Arrays.copyOf(key, 16)));
      plain = aes.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new Rejection(400, "bad_ciphertext", "AES decryption failed");
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || pad > plain.length) {
      throw new Rejection(400, "bad_padding", "padding byte out of range");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new Rejection(400, "bad_padding", "padding bytes differ");
      }
    }
    int content = plain.length - pad;
    if (content < 20) {
      throw new Rejection(400, "bad_length", "plaintext shorter than its header");
    }
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (length < 0 || 20 + length > content) {
      throw new Rejection(400, "bad_length", "message length beyond the plaintext");
    }
    String tail = new String(plain, 20 + length, content - 20 - length, UTF_8);
    if (!tail.equals(appid)) {
      throw new Rejection(400, "appid_mismatch", "encrypted for another appid");
    }
    return new String(plain, 20, length, UTF_8);
  }

  private static byte[] key(String encodingAesKey) {
    byte[] key;
    try {
      key =
          Base64.getDecoder()
              .decode(
                  encodingAesKey + "="); // java.util.Base64 accepts the sample keys' trailing bits
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an EncodingAESKey is 43 Base64 characters");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("an EncodingAESKey decodes to 32 bytes");
    }
    return key;
  }
}
