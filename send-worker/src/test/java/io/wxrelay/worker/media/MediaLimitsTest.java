package io.wxrelay.worker.media;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaLimitsTest {
  private static byte[] jpeg(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 7);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    return bytes;
  }

  private static byte[] starting(String ascii, int size) {
    byte[] bytes = Arrays.copyOf(ascii.getBytes(StandardCharsets.ISO_8859_1), size);
    return bytes;
  }

  @Test
  void aThumbIsAJpegOfAtMost64Kb() {
    assertThatCode(() -> MediaLimits.check("thumb", false, jpeg(64 * 1024)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> MediaLimits.check("thumb", false, jpeg(64 * 1024 + 1)))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessage("a thumb is at most 64 KB (WeChat's limit); this file is 65537 bytes");
    assertThatThrownBy(() -> MediaLimits.check("thumb", true, starting("\u0089PNG", 100)))
        .hasMessage("a thumb must be JPEG (WeChat's limit); this file is PNG");
  }

  @Test
  void aPermanentImageMayBeABitmapATemporaryOneMayNot() {
    assertThatCode(() -> MediaLimits.check("image", true, starting("BM", 100)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> MediaLimits.check("image", false, starting("BM", 100)))
        .hasMessageContaining("this file is BMP");
  }

  @Test
  void voiceVideoAndArticleImagesAreCheckedByTheirFirstBytes() {
    assertThatCode(() -> MediaLimits.check("voice", false, starting("#!AMR\n", 100)))
        .doesNotThrowAnyException();
    assertThatCode(() -> MediaLimits.check("voice", false, starting("ID3", 100)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> MediaLimits.check("voice", false, starting("ID3", 2 * 1024 * 1024 + 1)))
        .hasMessageStartingWith("a voice is at most 2 MB");
    assertThatCode(() -> MediaLimits.check("video", true, starting("\0\0\0\u0018ftypmp42", 100)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> MediaLimits.check("articleImage", false, jpeg(1024 * 1024)))
        .hasMessageStartingWith("an article image is at most 1 MB");
    assertThatThrownBy(() -> MediaLimits.check("image", false, new byte[0]))
        .hasMessage("the file is empty");
  }
}
