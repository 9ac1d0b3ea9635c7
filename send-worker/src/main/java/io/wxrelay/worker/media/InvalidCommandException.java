package io.wxrelay.worker.media;

/**
 * A command that validates against its schema but that WeChat would refuse for a limit checked
 * before the call (a file too large, of the wrong format): DEAD ({@code invalid}) with this reason,
 * and no call.
 */
public final class InvalidCommandException extends RuntimeException {
  private final String reason;

  public InvalidCommandException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** Why WeChat would refuse the command, as its result and dead letter say it. */
  public String reason() {
    return reason;
  }
}
