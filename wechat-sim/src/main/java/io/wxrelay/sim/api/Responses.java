package io.wxrelay.sim.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds response bodies in WeChat's field order. */
final class Responses {
  private Responses() {}

  /** {@code {"errcode":0,"errmsg":message, ...fields}}. */
  static Map<String, Object> ok(String message, Object... fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errcode", 0);
    body.put("errmsg", message);
    return put(body, fields);
  }

  /** Fields only, for APIs that answer without errcode (token, qrcode, media). */
  static Map<String, Object> fields(Object... fields) {
    return put(new LinkedHashMap<>(), fields);
  }

  private static Map<String, Object> put(Map<String, Object> body, Object... fields) {
    for (int i = 0; i < fields.length; i += 2) {
      if (fields[i + 1] != null) {
        body.put((String) fields[i], fields[i + 1]);
      }
    }
    return body;
  }
}
