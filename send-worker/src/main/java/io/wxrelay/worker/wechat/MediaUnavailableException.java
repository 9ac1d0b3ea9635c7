package io.wxrelay.worker.wechat;

/**
 * A media file that could not be fetched from its URL now (no such host, the server failed or
 * answered an error): DEAD ({@code unknown}) with this reason and no call. Unlike an {@link
 * InvalidCommandException}, the command itself may be fine: replayed once the file is there, it
 * runs again.
 */
public final class MediaUnavailableException extends RuntimeException {
  public MediaUnavailableException(String message) {
    super(message);
  }
}
