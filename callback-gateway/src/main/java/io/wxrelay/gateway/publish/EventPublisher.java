package io.wxrelay.gateway.publish;

import io.wxrelay.kit.kafka.CloudEventRecords;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * Publishes an event to {@code wechat.events} (key {@code appid:openid}) and completes when Kafka
 * has it on every in-sync replica (the producer is idempotent with {@code acks=all}), or fails
 * after {@code ackTimeout} — well under WeChat's 5 s, so WeChat retries rather than giving up.
 */
public final class EventPublisher {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final ContractCodec codec;
  private final Duration ackTimeout;

  public EventPublisher(
      Producer<String, byte[]> producer, String topic, ContractCodec codec, Duration ackTimeout) {
    this.producer = producer;
    this.topic = topic;
    this.codec = codec;
    this.ackTimeout = ackTimeout;
  }

  /**
   * The record value, validated against the event's schema ({@code ContractViolation} if not; ~5
   * µs).
   */
  public byte[] encode(CloudEvent<?> event) {
    return codec.encode(event);
  }

  /** Publishes {@code value} (from {@link #encode}) under key {@code appid:openid}. */
  public CompletableFuture<Void> publish(CloudEvent<?> event, byte[] value, String openid) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      producer.send(
          CloudEventRecords.structured(topic, event.subject() + ":" + openid, value),
          (metadata, error) -> {
            if (error == null) {
              acked.complete(null);
            } else {
              acked.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      acked.completeExceptionally(e); // e.g. metadata not available within max.block.ms
    }
    return acked.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
