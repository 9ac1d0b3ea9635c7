package io.wxrelay.gateway.publish;

import io.wxrelay.kit.kafka.CloudEventRecords;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;

/**
 * Publishes an event to {@code wechat.events} (key {@code appid:openid}; the benchmark's floor, a
 * body under a key of its own) and completes when Kafka has it on every in-sync replica (the
 * producer is idempotent with {@code acks=all}), or fails when the producer gives up ({@code
 * delivery.timeout.ms}, twice the gateway's ack timeout). It never fails earlier on a clock of its
 * own: a send still running when WeChat's answer is due may still land, and the push's dedupe claim
 * must stay until the producer knows (the caller answers WeChat on time regardless).
 */
public final class EventPublisher {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final ContractCodec codec;

  public EventPublisher(Producer<String, byte[]> producer, String topic, ContractCodec codec) {
    this.producer = producer;
    this.topic = topic;
    this.codec = codec;
  }

  /**
   * The record value, validated against the event's schema ({@code ContractViolation} if not; ~5
   * µs).
   */
  public byte[] encode(CloudEvent<?> event) {
    return codec.encode(event);
  }

  /**
   * The record value, the envelope checked but the data not validated against its schema: for an
   * event whose mapping keeps it to its schema ({@code EventMapper.checkedByMapping}).
   */
  public byte[] encodeTrusted(CloudEvent<?> event) {
    return codec.encodeTrusted(event);
  }

  /** Publishes {@code value} (from {@link #encode}) under key {@code appid:openid}. */
  public CompletableFuture<Void> publish(CloudEvent<?> event, byte[] value, String openid) {
    return publish(event.subject() + ":" + openid, value);
  }

  /**
   * Publishes {@code value} under {@code key} as it is, nothing checked: also the benchmark's floor
   * ({@code POST /bench/publish}), what any push costs at the least with this producer.
   */
  public CompletableFuture<Void> publish(String key, byte[] value) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      producer.send(
          CloudEventRecords.structured(topic, key, value),
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
    return acked;
  }
}
