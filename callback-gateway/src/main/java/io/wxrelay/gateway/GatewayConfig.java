package io.wxrelay.gateway;

import io.wxrelay.gateway.callback.CallbackSettings;
import io.wxrelay.gateway.callback.GatewayApp;
import io.wxrelay.kit.accounts.Account;
import io.wxrelay.kit.accounts.AccountsFile;
import io.wxrelay.kit.accounts.Secrets;
import io.wxrelay.kit.config.AdminSettings;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.tracing.TracingSettings;
import io.wxrelay.schemas.Ids;
import io.wxrelay.schemas.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything callback-gateway is started with, from the environment in one place; every variable is
 * in the callback-gateway section of docs/reference.md.
 *
 * @param apps by appid
 * @param createTopics create wechat.events at start if missing (off: start even without a broker)
 * @param dedupe suppress WeChat's retries of published events via Redis (off: consumers dedupe by
 *     id)
 * @param stopDelay how long a stopping gateway stays up, not ready, before it stops accepting
 *     connections: the time a load balancer takes to see it not ready (Kubernetes: endpoints
 *     propagation); 0 locally
 * @param bareEndpoint serve the benchmark's floors {@code POST /bench/success} (answers {@code
 *     success}, nothing else) and {@code POST /bench/publish} (publishes its body as it is), for
 *     the benchmark's ratios only
 * @param tracing where its spans go ({@code OTEL_*}; none by default)
 */
public record GatewayConfig(
    Map<String, GatewayApp> apps,
    String host,
    int port,
    int ioThreads,
    int maxBodyBytes,
    Duration timestampWindow,
    Duration ackTimeout,
    Duration dedupeWindow,
    Duration stopDelay,
    String source,
    String eventsTopic,
    String dedupePrefix,
    boolean bareEndpoint,
    boolean createTopics,
    boolean dedupe,
    KafkaSettings kafka,
    RedisSettings redis,
    AdminSettings admin,
    TracingSettings tracing) {

  public GatewayConfig {
    apps = Map.copyOf(apps);
    if (ackTimeout.compareTo(Duration.ofMillis(4000)) > 0) {
      throw new ConfigException(
          "GATEWAY_ACK_TIMEOUT", "must stay well under WeChat's 5 s (at most 4s)");
    }
    if (dedupeWindow.compareTo(Duration.ofSeconds(30)) < 0) {
      throw new ConfigException(
          "GATEWAY_DEDUPE_WINDOW", "must be at least 30s (WeChat retries for ~15 s)");
    }
  }

  public static GatewayConfig fromEnv(Env env) {
    return new GatewayConfig(
        apps(env),
        env.string("GATEWAY_HOST", "127.0.0.1"),
        env.port("GATEWAY_PORT", 8080),
        env.integer("GATEWAY_IO_THREADS", 2, 1, 64),
        env.integer("GATEWAY_MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
        env.duration("GATEWAY_TIMESTAMP_WINDOW", Duration.ofMinutes(5)),
        env.duration("GATEWAY_ACK_TIMEOUT", Duration.ofSeconds(3)),
        env.duration("GATEWAY_DEDUPE_WINDOW", Duration.ofSeconds(60)),
        env.duration("GATEWAY_STOP_DELAY", Duration.ZERO),
        env.string("GATEWAY_SOURCE", "/wxrelay/callback-gateway"),
        env.topicName(Topic.EVENTS),
        env.string("GATEWAY_DEDUPE_PREFIX", "wxrelay:gateway:seen:"),
        env.bool("GATEWAY_BARE_ENDPOINT", false),
        env.bool("GATEWAY_CREATE_TOPICS", true),
        env.bool("GATEWAY_DEDUPE", true),
        KafkaSettings.fromEnv(env),
        RedisSettings.fromEnv(env),
        AdminSettings.fromEnv(env, 9102),
        TracingSettings.fromEnv(env, "callback-gateway"));
  }

  /**
   * How long a stopping gateway waits for the requests it took: each is answered once Kafka
   * acknowledged its push or the ack timeout is over, so the ack timeout and a little more.
   */
  public Duration drain() {
    return ackTimeout.plus(Duration.ofSeconds(2));
  }

  /** {@code GATEWAY_APPS} when set (an override), else the accounts file's callback settings. */
  static Map<String, GatewayApp> apps(Env env) {
    Optional<String> spec = env.optional("GATEWAY_APPS");
    if (spec.isPresent()) {
      return apps(spec.get());
    }
    List<Account> accounts = AccountsFile.required(env, "GATEWAY_APPS", Set.of(Secrets.CALLBACK));
    Map<String, GatewayApp> apps = new LinkedHashMap<>();
    for (Account a : accounts) {
      if (a.callbackToken() == null) {
        throw new ConfigException(
            AccountsFile.VARIABLE,
            a.appid()
                + " has no callbackToken (callbackToken, callbackTokenFile or callbackTokenEnv)");
      }
      apps.put(
          a.appid(),
          new GatewayApp(
              a.appid(),
              a.callbackToken(),
              a.encodingAesKey(),
              a.previousEncodingAesKey(),
              !a.mode().equals("plain")));
    }
    return apps;
  }

  /**
   * {@code appid:token:mode[:aesKey[:previousAesKey]]}, comma-separated; mode is {@code plain},
   * {@code compat} or {@code safe}. Errors never echo tokens or keys.
   */
  static Map<String, GatewayApp> apps(String spec) {
    Map<String, GatewayApp> apps = new LinkedHashMap<>();
    int entry = 0;
    for (String item : spec.split(",")) {
      entry++;
      String[] p = item.trim().split(":");
      if (p.length < 3 || p.length > 5 || !Ids.isAppid(p[0]) || p[1].isEmpty()) {
        throw new ConfigException(
            "GATEWAY_APPS",
            "entry " + entry + " is not appid:token:mode[:aesKey[:previousAesKey]]");
      }
      String mode = p[2];
      if (!mode.equals("plain") && !mode.equals("compat") && !mode.equals("safe")) {
        throw new ConfigException(
            "GATEWAY_APPS", "entry " + entry + ": mode is plain, compat or safe");
      }
      String key = p.length > 3 ? p[3] : null;
      String previous = p.length > 4 ? p[4] : null;
      if (!mode.equals("plain") && (key == null || key.length() != 43)) {
        throw new ConfigException(
            "GATEWAY_APPS",
            "entry " + entry + ": " + mode + " mode needs a 43-character EncodingAESKey");
      }
      apps.put(p[0], new GatewayApp(p[0], p[1], key, previous, !mode.equals("plain")));
    }
    return apps;
  }

  /** The part of this configuration the callback protocol works with. */
  public CallbackSettings callback() {
    return new CallbackSettings(apps, source, timestampWindow, dedupe, ackTimeout, dedupeWindow);
  }

  @Override
  public String toString() {
    return "GatewayConfig[apps="
        + apps.values()
        + ", "
        + host
        + ":"
        + port
        + ", topic="
        + eventsTopic
        + "]";
  }
}
