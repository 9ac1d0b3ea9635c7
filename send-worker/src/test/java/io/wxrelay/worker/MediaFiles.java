package io.wxrelay.worker;

import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Made-up media files for upload tests: the first bytes say the format, the rest fills. */
final class MediaFiles {
  private MediaFiles() {}

  /** {@code size} bytes starting with {@code header} (a format's magic bytes). */
  static byte[] file(int size, int... header) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 7);
    for (int i = 0; i < header.length; i++) {
      bytes[i] = (byte) header[i];
    }
    return bytes;
  }

  /** {@code size} bytes starting with {@code header}. */
  static byte[] file(int size, byte[] header) {
    byte[] bytes = file(size);
    System.arraycopy(header, 0, bytes, 0, header.length);
    return bytes;
  }

  /** An upload of {@code bytes} as a {@code kind}, inline, temporary unless {@code permanent}. */
  static MediaUpload inline(String kind, boolean permanent, byte[] bytes) {
    return new MediaUpload(
        kind,
        permanent ? true : null,
        new MediaUpload.MediaFile(
            null, Base64.getEncoder().encodeToString(bytes), kind + ".bin", null),
        null,
        null);
  }

  /** A {@code news} or {@code draft} upload of one article whose thumbnail is {@code thumb}. */
  static MediaUpload news(String kind, String title, String thumb) {
    var article =
        new MediaUpload.Article(
            title, thumb, null, null, null, "<p>" + title + "</p>", null, null, null);
    return new MediaUpload(kind, null, null, null, List.of(article));
  }

  /** An article of an inline news broadcast, its thumbnail {@code thumb} inline. */
  static Payloads.InlineArticle article(String title, byte[] thumb) {
    var file =
        new MediaUpload.MediaFile(null, Base64.getEncoder().encodeToString(thumb), "t.jpg", null);
    return new Payloads.InlineArticle(
        title, file, null, null, null, "<p>" + title + "</p>", null, null, null);
  }
}
