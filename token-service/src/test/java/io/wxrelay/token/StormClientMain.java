package io.wxrelay.token;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;

/**
 * One worker process of the storm test: {@code callers} threads report the same generation invalid
 * at once. Prints {@code ok=<n> generations=<set> slowestMs=<ms>}. Args: appid generation callers.
 */
public final class StormClientMain {
  private StormClientMain() {}

  public static void main(String[] args) throws Exception {
    String appid = args[0];
    long generation = Long.parseLong(args[1]);
    Env env = Env.of(System.getenv());
    try (TokenClient client =
        TokenClient.connect(
            RedisSettings.fromEnv(env),
            env.required("TOKEN_REDIS_PREFIX"),
            Duration.ofSeconds(15))) {
      System.out.println(
          StormCallers.run(
              Integer.parseInt(args[2]),
              () -> client.reportInvalid(appid, generation).generation()));
    }
  }
}
