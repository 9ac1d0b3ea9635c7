package io.wxrelay.sim.push;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's callback signing and message encryption, sender side (docs/wechat-api.md §6.3): SHA-1
 * over the sorted strings; AES-256-CBC, IV = first 16 key bytes, PKCS#7 padding to 32-byte blocks,
 * plaintext {@code random(16) ‖ len(4, big-endian) ‖ msg ‖ appid}.
 *
 * <p>Written apart from the gateway's receiving side on purpose: a shared implementation would let
 * one bug pass both ends' tests.
 */
public final class PushCrypto {
  private static final int BLOCK = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PushCrypto() {}

  /** {@code sha1(sort(parts).join(""))} in lowercase hex. */
  public static String signature(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /** The Base64 ciphertext of {@code message} for {@code appid} under {@code encodingAesKey}. */
  public static String encrypt(String message, String appid, String encodingAesKey) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return encrypt(message, appid, encodingAesKey, random);
  }

  static String encrypt(String message, String appid, String encodingAesKey, byte[] random16) {
    byte[] key = key(encodingAesKey);
    byte[] msg = message.getBytes(UTF_8);
    byte[] id = appid.getBytes(UTF_8);
    int length = 16 + 4 + msg.length + id.length;
    int pad = BLOCK - length % BLOCK; // 1..32: a full block when already aligned
    ByteBuffer plain = ByteBuffer.allocate(length + pad);
    plain.put(random16).putInt(msg.length).put(msg).put(id);
    for (int i = 0; i < pad; i++) {
      plain.put((byte) pad);
    }
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
      aes.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
      return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is missing from this JVM", e);
    }
  }

  /** {@code Base64_Decode(EncodingAESKey + "=")}: 32 bytes. */
  static byte[] key(String encodingAesKey) {
    byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
    if (key.length != 32) {
      throw new IllegalArgumentException("an EncodingAESKey decodes to 32 bytes");
    }
    return key;
  }
}
