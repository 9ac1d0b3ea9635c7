package io.wxrelay.system.deploy;

import io.wxrelay.cli.CliSettings;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.kit.config.AdminSettings;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.Topic;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.token.TokenServiceConfig;
import io.wxrelay.worker.WorkerConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The images the build produces, each with the reader its {@code main} configures itself with and
 * what a configuration makes it listen on.
 */
enum WxService {
  CALLBACK_GATEWAY("callback-gateway"),
  TOKEN_SERVICE("token-service"),
  SEND_WORKER("send-worker"),
  WECHAT_SIM("wechat-sim"),
  CLI("cli");

  /** The paths of the admin server every service but the simulator runs. */
  static final Set<String> HEALTH_PATHS = Set.of("/health/live", "/health/ready");

  /** GET routes the simulator answers with 200 (it has no admin server). */
  static final Set<String> SIM_PATHS = Set.of("/sim/apps", "/sim/faults");

  private final String image;

  WxService(String image) {
    this.image = image;
  }

  /** The last segment of the image's repository, e.g. {@code send-worker}. */
  String image() {
    return image;
  }

  static Optional<WxService> ofImage(String lastSegment) {
    return Arrays.stream(values()).filter(s -> s.image.equals(lastSegment)).findFirst();
  }

  /** Reads {@code env} as the service's main does; throws what the reader throws. */
  Listening read(Env env) {
    return switch (this) {
      case CALLBACK_GATEWAY -> gateway(env);
      case TOKEN_SERVICE -> token(env);
      case SEND_WORKER -> worker(env);
      case WECHAT_SIM -> sim(env);
      case CLI -> cli(env);
    };
  }

  /**
   * What a configured service listens on.
   *
   * @param ports each port and the host it binds ({@code 127.0.0.1}: unreachable from the kubelet)
   * @param probePort the port its health is served on, if any
   * @param probePaths the paths a probe may ask there
   */
  record Listening(Map<Integer, String> ports, OptionalInt probePort, Set<String> probePaths) {}

  private static Listening withAdmin(AdminSettings admin, Map<Integer, String> others) {
    Map<Integer, String> ports = new LinkedHashMap<>(others);
    ports.put(admin.port(), admin.host());
    return new Listening(ports, OptionalInt.of(admin.port()), HEALTH_PATHS);
  }

  private static Listening gateway(Env env) {
    GatewayConfig c = GatewayConfig.fromEnv(env);
    return withAdmin(c.admin(), Map.of(c.port(), c.host()));
  }

  private static Listening token(Env env) {
    TokenServiceConfig c = TokenServiceConfig.fromEnv(env);
    return withAdmin(c.admin(), c.api() == null ? Map.of() : Map.of(c.apiPort(), c.apiHost()));
  }

  private static Listening worker(Env env) {
    return withAdmin(WorkerConfig.fromEnv(env).admin(), Map.of());
  }

  private static Listening sim(Env env) {
    SimConfig c = SimConfig.fromEnv(env);
    return new Listening(Map.of(c.port(), c.host()), OptionalInt.of(c.port()), SIM_PATHS);
  }

  private static Listening cli(Env env) {
    CliSettings settings = CliSettings.fromEnv(env);
    for (Topic topic : Topic.values()) {
      settings.topic(topic); // read when a command needs it
    }
    return new Listening(Map.of(), OptionalInt.empty(), Set.of());
  }
}
