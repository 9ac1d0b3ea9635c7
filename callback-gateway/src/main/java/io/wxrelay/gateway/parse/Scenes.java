package io.wxrelay.gateway.parse;

import io.wxrelay.gateway.callback.rejection.Rejection;

/** The QR scene in an EventKey, at most 64 characters. */
final class Scenes {
  private static final String QR_PREFIX = "qrscene_";

  private Scenes() {}

  /** A subscribe from a QR code carries {@code qrscene_<scene>}; a plain follow carries none. */
  static String ofSubscribe(String eventKey) {
    boolean fromQr = eventKey != null && eventKey.startsWith(QR_PREFIX);
    return scene(fromQr ? eventKey.substring(QR_PREFIX.length()) : eventKey);
  }

  /** A SCAN by a follower carries the scene itself, without a prefix; one without is refused. */
  static String ofScan(String eventKey) {
    String scene = scene(eventKey);
    if (scene == null) {
      throw new Rejection(400, "bad_message", "SCAN without EventKey");
    }
    return scene;
  }

  private static String scene(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return value.length() > 64 ? value.substring(0, 64) : value;
  }
}
