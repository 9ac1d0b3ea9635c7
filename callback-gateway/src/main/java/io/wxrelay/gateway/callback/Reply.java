package io.wxrelay.gateway.callback;

import org.jspecify.annotations.Nullable;

/** What the gateway answers: status, plain-text body, and the metric reason of a refusal. */
public record Reply(int status, String body, @Nullable String reason) {
  /** The push was taken: WeChat does nothing more. */
  public static final Reply SUCCESS = new Reply(200, "success", null);

  /** A 4xx (or 5xx) with its stable reason, counted as a rejection. */
  public static Reply refused(int status, String reason) {
    return new Reply(status, reason + "\n", reason);
  }
}
