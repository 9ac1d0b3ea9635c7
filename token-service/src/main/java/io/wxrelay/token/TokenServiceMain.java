package io.wxrelay.token;

import io.wxrelay.kit.config.Configured;
import io.wxrelay.kit.lifecycle.Lifecycle;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/token-service.sh}: one replica, configured by the TOKEN_* variables, until
 * stopped.
 */
public final class TokenServiceMain {
  private static final Logger log = LoggerFactory.getLogger(TokenServiceMain.class);

  private TokenServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    TokenServiceConfig config =
        Configured.fromEnvironment("token-service", TokenServiceConfig::fromEnv);
    TokenService service = TokenService.start(config, InstantSource.system());
    log.info(
        "token-service {} up: admin port {}, API port {}, apps {}",
        config.replicaId(),
        service.adminPort(),
        service.apiPort(),
        service.ready().keySet());
    Lifecycle.serveUntilShutdown("token-service", service);
  }
}
