package io.wxrelay.gateway.http;

/** What the gateway answers: status, plain-text body, and the metric reason of a refusal. */
public record Reply(int status, String body, String reason) {
  static final Reply SUCCESS = new Reply(200, "success", null);

  static Reply refused(int status, String reason) {
    return new Reply(status, reason + "\n", reason);
  }
}
