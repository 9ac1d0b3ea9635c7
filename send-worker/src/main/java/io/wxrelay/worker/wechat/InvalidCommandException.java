package io.wxrelay.worker.wechat;

/**
 * A command that validates against its schema but that WeChat would refuse for a limit checked
 * before the call (a file too large, of the wrong format): DEAD ({@code invalid}) with this reason,
 * and no call.
 */
public final class InvalidCommandException extends RuntimeException {
  public InvalidCommandException(String message) {
    super(message);
  }
}
