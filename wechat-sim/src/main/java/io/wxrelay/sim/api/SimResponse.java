package io.wxrelay.sim.api;

import static java.nio.charset.StandardCharsets.UTF_8;

/** An HTTP response of the simulator. */
public record SimResponse(int status, String contentType, byte[] body) {
  public static final String JSON = "application/json; encoding=utf-8";

  public static SimResponse json(int status, byte[] body) {
    return new SimResponse(status, JSON, body);
  }

  public static SimResponse text(int status, String body) {
    return new SimResponse(status, "text/plain; charset=utf-8", body.getBytes(UTF_8));
  }

  public static SimResponse png(byte[] body) {
    return new SimResponse(200, "image/png", body);
  }
}
