package io.wxrelay.schemas.codec;

import io.wxrelay.schemas.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the example record values shipped in {@code examples/}. */
public final class Examples {
  private Examples() {}

  public static byte[] bytes(EventType type) {
    try (InputStream in =
        EventType.class.getClassLoader().getResourceAsStream(type.exampleResource())) {
      if (in == null) {
        throw new IllegalStateException("no example for " + type.value());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
