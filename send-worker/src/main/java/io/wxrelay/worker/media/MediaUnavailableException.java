package io.wxrelay.worker.media;

/**
 * A media file that could not be fetched from its URL now (no such host, the server failed or
 * answered an error): DEAD ({@code unknown}) with this reason and no call. Unlike an {@link
 * InvalidCommandException}, the command itself may be fine: replayed once the file is there, it
 * runs again.
 */
public final class MediaUnavailableException extends RuntimeException {
  private final String reason;

  public MediaUnavailableException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** Why the file is not there now, as the result and dead letter say it. */
  public String reason() {
    return reason;
  }
}
