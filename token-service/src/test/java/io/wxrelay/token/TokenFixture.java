package io.wxrelay.token;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulator with short token lifetimes, a Redis key prefix of its own, and token-service replicas
 * and clients started against them; closes everything it started.
 */
public final class TokenFixture implements AutoCloseable {
  public static final String APPID = SimConfig.DEFAULT_APPID;
  public static final String SECRET = SimConfig.DEFAULT_SECRET;

  public final WeChatSim sim;
  public final String prefix;
  public final String redisUrl;
  private final List<AutoCloseable> started = new ArrayList<>();

  /** Tokens live {@code ttl}; classic grace and stable renewal window are {@code window}. */
  public TokenFixture(RedisEndpoint redis, Duration ttl, Duration window) {
    this(redis.url().toString(), redis.uniquePrefix("token"), ttl, window);
  }

  public TokenFixture(String redisUrl, String prefix, Duration ttl, Duration window) {
    SimRules rules = SimRules.wechat().withTokenTimes(ttl, window, window);
    this.sim = WeChatSim.start(SimConfig.forTests().withRules(rules));
    this.prefix = prefix;
    this.redisUrl = redisUrl;
  }

  /**
   * For a benchmark: REDIS_URL (default the local Redis), a prefix of its own, WeChat's lifetimes.
   */
  public static TokenFixture forBench() {
    return new TokenFixture(
        System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"),
        "bench:" + System.nanoTime() + ":",
        Duration.ofHours(2),
        Duration.ofMinutes(5));
  }

  /** A benchmark result's machine line: when, cores, Java, Redis (without credentials). */
  public String machine() {
    return java.time.Instant.now()
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + Runtime.version()
        + ", Redis "
        + redisUrl.replaceAll("//.*@", "//")
        + " (loopback)";
  }

  /** The environment of a replica against this fixture; {@code extra} overrides. */
  public Map<String, String> env(String endpoint, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKEN_APPS", APPID + ":" + SECRET + ":" + endpoint);
    env.put("WECHAT_API_BASE", sim.baseUrl());
    env.put("REDIS_URL", redisUrl);
    env.put("TOKEN_REDIS_PREFIX", prefix);
    env.put("ADMIN_PORT", "0");
    env.put("TOKEN_API_PORT", "0");
    env.put("TOKEN_RETRY_MIN", "100ms");
    env.put("TOKEN_RETRY_MAX", "500ms");
    env.putAll(extra);
    return env;
  }

  public TokenService replica(String endpoint, Map<String, String> extra) {
    TokenService service =
        TokenService.start(
            TokenServiceConfig.fromEnv(Env.of(env(endpoint, extra))), InstantSource.system());
    started.add(service);
    return service;
  }

  public TokenClient client(Duration waitBound) {
    var settings = RedisSettings.fromEnv(Env.of(Map.of("REDIS_URL", redisUrl)));
    TokenClient client = TokenClient.connect(settings, prefix, waitBound);
    started.add(client);
    return client;
  }

  /** Registers something else to close with the fixture (e.g. a child process). */
  public <T extends AutoCloseable> T closeLater(T closeable) {
    started.add(closeable);
    return closeable;
  }

  /** errcode of a harmless API call made with {@code token} (0 = accepted). */
  public int probe(String token) {
    return Probe.errcode(sim.baseUrl(), token);
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    sim.close();
  }
}
