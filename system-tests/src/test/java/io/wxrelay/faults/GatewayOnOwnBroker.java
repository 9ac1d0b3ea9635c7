package io.wxrelay.faults;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.kit.config.Env;
import io.wxrelay.testkit.OwnBroker;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A callback-gateway in this JVM on a test's own broker, for one plaintext account. */
public final class GatewayOnOwnBroker {
  private GatewayOnOwnBroker() {}

  /** Started on free ports with Redis dedupe under a prefix of its own; {@code extra} added. */
  public static CallbackGateway start(
      OwnBroker broker,
      RedisEndpoint redis,
      String appid,
      String callbackToken,
      Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("REDIS_URL", redis.url().toString());
    env.put("GATEWAY_APPS", appid + ":" + callbackToken + ":plain");
    env.put("GATEWAY_PORT", "0");
    env.put("ADMIN_PORT", "0");
    env.put("GATEWAY_DEDUPE_PREFIX", redis.uniquePrefix("own-broker-gateway"));
    env.putAll(extra);
    return CallbackGateway.start(GatewayConfig.fromEnv(Env.of(env)), Clock.systemUTC());
  }
}
