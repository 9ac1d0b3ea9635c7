package io.wxrelay.worker.consume;

/**
 * Carries out one record, on a virtual thread of its own. Returning means done (its offset may be
 * committed once every earlier one is). An {@link InterruptedException} means the record was
 * abandoned (its partition was revoked or the worker is stopping): nothing may be published after
 * it, and the record stays uncommitted for the next owner. Any other exception is a failure: the
 * engine tries the record again after a pause. Infrastructure failures (Redis, Kafka) are tried
 * again for as long as they last, so nothing is lost; any other failure (the record itself makes
 * the handler fail) is tried a bounded number of times and then handed to {@link #poisoned}, so
 * that one record cannot hold its key and its partition forever.
 */
@FunctionalInterface
public interface RecordHandler {
  void handle(InboundRecord record) throws Exception;

  /**
   * Gives up on {@code record}, on which {@link #handle} kept failing with {@code failure}; the
   * record then counts as done. By default it is only skipped (the engine logs it); a handler that
   * owns a dead-letter queue puts it there. Throwing here (the DLQ is down) means trying again.
   */
  default void poisoned(InboundRecord record, Exception failure) throws Exception {}
}
