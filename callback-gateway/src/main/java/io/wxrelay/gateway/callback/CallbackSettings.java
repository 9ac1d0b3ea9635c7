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
}
