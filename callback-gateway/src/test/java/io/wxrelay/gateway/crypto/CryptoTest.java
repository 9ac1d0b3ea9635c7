package io.wxrelay.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.gateway.callback.rejection.Rejection;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.push.PushCrypto;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The receiving side of WeChat's crypto against the simulator's sending side, two implementations
 * written apart from the same spec (docs/wechat-api.md §6.3).
 */
class CryptoTest {
  private static final String APPID = "wxb11529c136998cb6";
  private static final String KEY = SimConfig.SAMPLE_AES_KEY;
  private static final String OTHER_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
  private final Random random = new Random(7);

  @Test
  void theDocumentedUrlCheckExampleSignsToItsPublishedPrefix() {
    // docs/wechat-api.md §6.1: token AAAAA, timestamp 1714036504, nonce 1514711492 -> f464b24f...
    assertThat(Signatures.sha1Sorted("AAAAA", "1714036504", "1514711492")).startsWith("f464b24f");
    assertThat(
            Signatures.matches(
                Signatures.sha1Sorted("AAAAA", "1714036504", "1514711492").toUpperCase(),
                "AAAAA",
                "1714036504",
                "1514711492"))
        .isTrue();
    assertThat(Signatures.matches("f464b24f", "AAAAA", "1714036504", "1514711492")).isFalse();
    assertThat(Signatures.matches(null, "AAAAA", "1", "2")).isFalse();
  }

  @RepeatedTest(20)
  void randomMessagesRoundTripFromTheSimulatorsEncryption() {
    String message = "<xml><Content><![CDATA[" + randomText() + "]]></Content></xml>";

    String encrypted = PushCrypto.encrypt(message, APPID, KEY);

    assertThat(new MessageCipher(KEY, null).decrypt(encrypted, APPID)).isEqualTo(message);
  }

  @Test
  void aMessageWhoseLengthFillsWholeBlocksGetsAFullBlockOfPadding() {
    // 16 random + 4 length + 12 message + 18 appid = 50; and 16+4+26+18 = 64, a multiple of 32
    String aligned = "x".repeat(26);

    assertThat(new MessageCipher(KEY, null).decrypt(PushCrypto.encrypt(aligned, APPID, KEY), APPID))
        .isEqualTo(aligned);
    assertThat(Base64.getDecoder().decode(PushCrypto.encrypt(aligned, APPID, KEY))).hasSize(96);
  }

  @Test
  void duringAKeyRotationThePreviousKeyStillOpensMessages() {
    String encryptedWithOld = PushCrypto.encrypt("<xml/>", APPID, KEY);

    assertThat(new MessageCipher(OTHER_KEY, KEY).decrypt(encryptedWithOld, APPID))
        .isEqualTo("<xml/>");
    assertThat(reasonOf(() -> new MessageCipher(OTHER_KEY, null).decrypt(encryptedWithOld, APPID)))
        .isIn("bad_padding", "bad_length", "appid_mismatch");
  }

  @Test
  void eachKindOfBrokenCiphertextHasItsReason() {
    MessageCipher cipher = new MessageCipher(KEY, null);
    String good = PushCrypto.encrypt("<xml/>", APPID, KEY);
    byte[] bytes = Base64.getDecoder().decode(good);
    // In CBC, a byte of the second-last ciphertext block flips the same byte of the last plaintext
    // block: the padding length byte (20 for this message) becomes 20 ^ 0x55 = 65, out of range.
    // (Flipping a byte of the last block instead garbles it at random, and one time in a few dozen
    // the garbage passes as padding: the test failed then.)
    bytes[bytes.length - 17] ^= 0x55;

    assertThat(reasonOf(() -> cipher.decrypt(good, "wx0000000000000000")))
        .isEqualTo("appid_mismatch");
    assertThat(reasonOf(() -> cipher.decrypt("not base64 !", APPID))).isEqualTo("bad_base64");
    assertThat(
            reasonOf(() -> cipher.decrypt(Base64.getEncoder().encodeToString(new byte[15]), APPID)))
        .isEqualTo("bad_length");
    assertThat(reasonOf(() -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes), APPID)))
        .isEqualTo("bad_padding");
  }

  private String randomText() {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(300);
    for (int i = 0; i < length; i++) {
      text.append(
          (char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x4e00 + random.nextInt(500)));
    }
    return text.toString();
  }

  private static String reasonOf(Runnable call) {
    return catchThrowableOfType(Rejection.class, call::run).reason();
  }
}
