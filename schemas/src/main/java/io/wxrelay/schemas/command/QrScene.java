package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A QR scene: a JSON number (WeChat's {@code scene_id}) or a JSON string ({@code scene_str}).
 * Exactly one of {@code id} and {@code str} is set.
 */
public record QrScene(Long id, String str) {

  public QrScene {
    if ((id == null) == (str == null)) {
      throw new IllegalArgumentException("a QR scene is either an integer or a string");
    }
  }

  public static QrScene of(long id) {
    return new QrScene(id, null);
  }

  public static QrScene of(String str) {
    return new QrScene(null, str);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static QrScene fromJson(Object value) {
    if (value instanceof Number number) {
      return of(number.longValue());
    }
    if (value instanceof String string) {
      return of(string);
    }
    throw new IllegalArgumentException("a QR scene is an integer or a string");
  }

  public boolean isInteger() {
    return id != null;
  }

  @JsonValue
  Object json() {
    return isInteger() ? id : str;
  }

  /** The scene as WeChat's scan events carry it in EventKey (digits, or the string). */
  public String asEventKey() {
    return isInteger() ? Long.toString(id) : str;
  }
}
