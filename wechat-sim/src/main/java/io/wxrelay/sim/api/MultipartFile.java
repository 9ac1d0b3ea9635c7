package io.wxrelay.sim.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code media} part of a multipart/form-data body: the file WeChat weighs and looks at. */
final class MultipartFile {
  private MultipartFile() {}

  /** The file name the part named {@code media} gives; empty when it gives none. */
  static Optional<String> filename(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    Matcher name = FILENAME.matcher(text);
    return name.find() ? Optional.of(name.group(1)) : Optional.empty();
  }

  private static final Pattern FILENAME =
      Pattern.compile("name=\"media\"[^\r\n]*?filename=\"([^\"\r\n]*)\"");

  /** The bytes of the part named {@code media}; empty when the body has none. */
  static Optional<byte[]> media(String contentType, byte[] body) {
    int b = contentType.indexOf("boundary=");
    if (b < 0) {
      return Optional.empty();
    }
    String boundary = contentType.substring(b + "boundary=".length()).replace("\"", "").strip();
    // ISO-8859-1 keeps one char per byte, so indexes are byte offsets.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    for (int at = text.indexOf(delimiter); at >= 0; ) {
      int next = text.indexOf("\r\n" + delimiter, at + delimiter.length());
      if (next < 0) {
        break;
      }
      int headersEnd = text.indexOf("\r\n\r\n", at);
      if (headersEnd > 0
          && headersEnd < next
          && text.substring(at, headersEnd).contains("name=\"media\"")) {
        return Optional.of(Arrays.copyOfRange(body, headersEnd + 4, next));
      }
      at = next + 2;
    }
    return Optional.empty();
  }
}
