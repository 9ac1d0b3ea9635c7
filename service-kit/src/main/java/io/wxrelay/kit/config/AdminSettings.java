package io.wxrelay.kit.config;

/**
 * Where a service serves {@code /metrics} and {@code /health/*}.
 *
 * @param host {@code ADMIN_HOST}, default 127.0.0.1 (set 0.0.0.0 in a container)
 * @param port {@code ADMIN_PORT}; 0 picks a free port
 */
public record AdminSettings(String host, int port) {

  public static AdminSettings fromEnv(Env env, int defaultPort) {
    return new AdminSettings(
        env.string("ADMIN_HOST", "127.0.0.1"), env.port("ADMIN_PORT", defaultPort));
  }
}
