package io.wxrelay.worker.publish;

/**
 * Kafka did not take a record the worker publishes (a result, a dead letter, a parked command)
 * within the ack timeout: broken infrastructure, so the record being handled is tried again.
 */
public final class PublishFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
