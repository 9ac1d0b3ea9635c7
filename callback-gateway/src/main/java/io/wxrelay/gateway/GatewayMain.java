package io.wxrelay.gateway;

import io.wxrelay.kit.config.Configured;
import io.wxrelay.kit.lifecycle.Lifecycle;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/callback-gateway.sh}: one replica, configured by GATEWAY_* & co, until stopped.
 */
public final class GatewayMain {
  private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    GatewayConfig config = Configured.fromEnvironment("callback-gateway", GatewayConfig::fromEnv);
    CallbackGateway gateway = CallbackGateway.start(config, Clock.systemUTC());
    log.info(
        "callback-gateway up on port {} (admin {}), {}",
        gateway.port(),
        gateway.adminPort(),
        config);
    Lifecycle.serveUntilShutdown("callback-gateway", gateway);
  }
}
