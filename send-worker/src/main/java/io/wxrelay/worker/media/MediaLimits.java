package io.wxrelay.worker.media;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Arrays;
import java.util.Set;

/**
 * WeChat's size and format limits of an upload, checked before the call: a file WeChat would refuse
 * is refused here with the limit it breaks. The format is read from the file's first bytes, not
 * from its name or declared type.
 */
public final class MediaLimits {
  private static final int KB = 1024;
  private static final int MB = 1024 * KB;

  /** File formats told apart by their first bytes. */
  enum Format {
    JPEG,
    PNG,
    GIF,
    BMP,
    MP3,
    AMR,
    WAV,
    WMA,
    MP4,
    OTHER
  }

  /** One kind's limits: the largest size, and the formats it takes. */
  private record Limit(String what, int maxBytes, Set<Format> formats) {}

  private MediaLimits() {}

  /**
   * Checks {@code bytes} as a {@code kind} upload ({@code permanent} material or temporary media;
   * {@code articleImage} for media/uploadimg).
   *
   * @throws InvalidCommandException naming the limit the file breaks
   */
  public static void check(String kind, boolean permanent, byte[] bytes) {
    Limit limit = limit(kind, permanent);
    if (bytes.length == 0) {
      throw new InvalidCommandException("the file is empty");
    }
    if (bytes.length > limit.maxBytes()) {
      throw new InvalidCommandException(
          limit.what()
              + " is at most "
              + size(limit.maxBytes())
              + " (WeChat's limit); this file is "
              + bytes.length
              + " bytes");
    }
    Format format = formatOf(bytes);
    if (!limit.formats().contains(format)) {
      throw new InvalidCommandException(
          limit.what()
              + " must be "
              + String.join("/", limit.formats().stream().map(Enum::name).sorted().toList())
              + " (WeChat's limit); this file is "
              + (format == Format.OTHER ? "none of them" : format.name()));
    }
  }

  private static Limit limit(String kind, boolean permanent) {
    return switch (kind) {
      case "image" ->
          new Limit(
              "an image",
              10 * MB,
              permanent
                  ? Set.of(Format.BMP, Format.PNG, Format.JPEG, Format.GIF)
                  : Set.of(Format.PNG, Format.JPEG, Format.GIF));
      case "voice" ->
          new Limit(
              "a voice",
              2 * MB,
              permanent
                  ? Set.of(Format.MP3, Format.WMA, Format.WAV, Format.AMR)
                  : Set.of(Format.AMR, Format.MP3));
      case "video" -> new Limit("a video", 10 * MB, Set.of(Format.MP4));
      case "thumb" -> new Limit("a thumb", 64 * KB, Set.of(Format.JPEG));
      case "articleImage" -> new Limit("an article image", MB - 1, Set.of(Format.JPEG, Format.PNG));
      default -> throw new IllegalArgumentException("no file limits for " + kind);
    };
  }

  static Format formatOf(byte[] b) {
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return Format.JPEG;
    }
    if (starts(b, 0x89, 'P', 'N', 'G')) {
      return Format.PNG;
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return Format.GIF;
    }
    if (starts(b, 'B', 'M')) {
      return Format.BMP;
    }
    if (starts(b, '#', '!', 'A', 'M', 'R')) {
      return Format.AMR;
    }
    if (starts(b, 'I', 'D', '3')
        || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
      return Format.MP3;
    }
    if (starts(b, 'R', 'I', 'F', 'F')
        && b.length >= 12
        && new String(Arrays.copyOfRange(b, 8, 12), US_ASCII).equals("WAVE")) {
      return Format.WAV;
    }
    if (starts(b, 0x30, 0x26, 0xB2, 0x75)) {
      return Format.WMA; // ASF
    }
    if (b.length >= 8 && new String(Arrays.copyOfRange(b, 4, 8), US_ASCII).equals("ftyp")) {
      return Format.MP4;
    }
    return Format.OTHER;
  }

  private static boolean starts(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String size(int bytes) {
    return bytes >= MB - 1 ? Math.round(bytes / (double) MB) + " MB" : bytes / KB + " KB";
  }

  /** The content type WeChat is told for a file of {@code format}, from its first bytes. */
  static String contentType(byte[] bytes) {
    return switch (formatOf(bytes)) {
      case JPEG -> "image/jpeg";
      case PNG -> "image/png";
      case GIF -> "image/gif";
      case BMP -> "image/bmp";
      case MP3 -> "audio/mpeg";
      case AMR -> "audio/amr";
      case WAV -> "audio/wav";
      case WMA -> "audio/x-ms-wma";
      case MP4 -> "video/mp4";
      case OTHER -> "application/octet-stream";
    };
  }
}
