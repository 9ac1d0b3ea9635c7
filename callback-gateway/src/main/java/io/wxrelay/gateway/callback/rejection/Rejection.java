package io.wxrelay.gateway.callback.rejection;

/**
 * A push the gateway refuses: an HTTP 4xx status and a stable reason, used as a metric label.
 * Messages never carry message content, tokens or keys.
 */
public final class Rejection extends RuntimeException {
  private final int status;
  private final String reason;

  public Rejection(int status, String reason, String detail) {
    super(reason + ": " + detail, null, false, false);
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  /** e.g. {@code bad_signature}, {@code stale_timestamp}, {@code bad_padding}. */
  public String reason() {
    return reason;
  }
}
