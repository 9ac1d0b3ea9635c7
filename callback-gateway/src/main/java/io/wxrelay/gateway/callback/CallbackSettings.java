package io.wxrelay.gateway.callback;

import java.time.Duration;
import java.util.Map;

/**
 * What the callback protocol needs of the gateway's configuration.
 *
 * @param apps the accounts by appid
 * @param source the CloudEvents {@code source} of the events
 * @param timestampWindow pushes whose timestamp is further off are refused (replays)
 * @param dedupe whether WeChat's retries of published events are recognized (Redis)
 * @param ackTimeout how long a push waits for Kafka's acknowledgement
 * @param dedupeWindow how long a published event is remembered
 */
public record CallbackSettings(
    Map<String, GatewayApp> apps,
    String source,
    Duration timestampWindow,
    boolean dedupe,
    Duration ackTimeout,
    Duration dedupeWindow) {

  public CallbackSettings {
    apps = Map.copyOf(apps);
  }

  /**
   * How long the gateway's producer keeps delivering a push ({@code delivery.timeout.ms}): twice
   * the ack timeout. WeChat has long been answered 503 by then, and has retried.
   */
  public static Duration deliveryTimeout(Duration ackTimeout) {
    return ackTimeout.multipliedBy(2);
  }

  /**
   * How long a push's dedupe claim holds: past the producer's last word on it, so that WeChat's
   * retry of a push whose first send is still running is answered "being published" (503), not
   * published a second time.
   */
  public Duration claimFor() {
    return deliveryTimeout(ackTimeout).plusSeconds(1);
  }
}
