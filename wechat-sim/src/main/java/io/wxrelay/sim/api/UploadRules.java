package io.wxrelay.sim.api;

import io.wxrelay.sim.rules.WeChatError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What WeChat takes as an upload, per kind (docs/wechat-api.md): the largest file (40006 beyond it)
 * and the formats, told by the file's first bytes as WeChat does, not by its name (40005 for
 * another format).
 */
final class UploadRules {
  private static final int KB = 1024;
  private static final int MB = 1024 * KB;

  /** The formats WeChat names in its upload limits. */
  enum Format {
    JPG,
    PNG,
    GIF,
    BMP,
    AMR,
    MP3,
    WAV,
    WMA,
    MP4
  }

  private UploadRules() {}

  /**
   * Checks {@code file} as an upload of {@code type} (image, voice, video, thumb, or {@code
   * uploadimg} for an article image), {@code permanent} material or temporary media.
   */
  static void check(String type, boolean permanent, byte[] file) {
    int max =
        switch (type) {
          case "voice" -> 2 * MB;
          case "thumb" -> 64 * KB;
          case "uploadimg" -> MB - 1;
          default -> 10 * MB;
        };
    if (file.length > max) {
      throw WeChatError.INVALID_FILE_SIZE.exception();
    }
    Set<Format> takes = formats(type, permanent);
    if (takes.stream().noneMatch(format -> is(format, file))) {
      throw WeChatError.INVALID_FILE_TYPE.exception();
    }
  }

  private static Set<Format> formats(String type, boolean permanent) {
    return switch (type) {
      case "image" ->
          permanent
              ? EnumSet.of(Format.BMP, Format.PNG, Format.JPG, Format.GIF)
              : EnumSet.of(Format.PNG, Format.JPG, Format.GIF);
      case "voice" ->
          permanent
              ? EnumSet.of(Format.MP3, Format.WMA, Format.WAV, Format.AMR)
              : EnumSet.of(Format.AMR, Format.MP3);
      case "video" -> EnumSet.of(Format.MP4);
      case "thumb" -> EnumSet.of(Format.JPG);
      case "uploadimg" -> EnumSet.of(Format.JPG, Format.PNG);
      default -> throw WeChatError.INVALID_MEDIA_TYPE.exception();
    };
  }

  /** Whether {@code file} starts as a file of {@code format} does. */
  static boolean is(Format format, byte[] file) {
    return switch (format) {
      case JPG -> bytesAt(file, 0, 0xFF, 0xD8, 0xFF);
      case PNG -> bytesAt(file, 0, 0x89) && textAt(file, 1, "PNG");
      case GIF -> textAt(file, 0, "GIF8");
      case BMP -> textAt(file, 0, "BM");
      case AMR -> textAt(file, 0, "#!AMR");
      // An ID3 tag, or an MPEG audio frame's sync bits.
      case MP3 ->
          textAt(file, 0, "ID3")
              || (file.length > 1 && bytesAt(file, 0, 0xFF) && (file[1] & 0xE0) == 0xE0);
      case WAV -> textAt(file, 0, "RIFF") && textAt(file, 8, "WAVE");
      case WMA -> bytesAt(file, 0, 0x30, 0x26, 0xB2, 0x75); // an ASF header
      case MP4 -> textAt(file, 4, "ftyp");
    };
  }

  private static boolean textAt(byte[] file, int offset, String text) {
    byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
    return file.length >= offset + expected.length
        && Arrays.equals(file, offset, offset + expected.length, expected, 0, expected.length);
  }

  private static boolean bytesAt(byte[] file, int offset, int... expected) {
    if (file.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((file[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
