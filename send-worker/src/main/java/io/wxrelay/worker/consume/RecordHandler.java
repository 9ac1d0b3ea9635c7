package io.wxrelay.worker.consume;

/**
 * Carries out one record, on a virtual thread of its own. Returning means done (its offset may be
 * committed once every earlier one is). An {@link InterruptedException} means the record was
 * abandoned (its partition was revoked or the worker is stopping): nothing may be published after
 * it, and the record stays uncommitted for the next owner. Any other exception means broken
 * infrastructure: the engine tries the record again after a pause, so nothing is lost.
 */
@FunctionalInterface
public interface RecordHandler {
  void handle(InboundRecord record) throws Exception;
}
