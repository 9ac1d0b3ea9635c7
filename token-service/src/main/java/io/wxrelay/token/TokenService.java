package io.wxrelay.token;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wxrelay.kit.admin.AdminServer;
import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.lifecycle.Lifecycle;
import io.wxrelay.kit.metrics.Metrics;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.token.http.TokenHttpApi;
import io.wxrelay.token.http.TokenReader;
import io.wxrelay.token.metrics.TokenMetrics;
import io.wxrelay.token.refresh.AppRefresher;
import io.wxrelay.token.refresh.TicketRefreshers;
import io.wxrelay.token.store.RedisInvalidateBudget;
import io.wxrelay.token.store.RedisTokenStore;
import io.wxrelay.token.store.TokenEvents;
import io.wxrelay.token.upstream.AppCredentials;
import io.wxrelay.token.upstream.WeChatTokenEndpoint;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One token-service replica: a refresher per account, the pub/sub listener that wakes them, the
 * admin port and the HTTP API. {@link #start} builds and starts it; {@link #close} stops it in
 * reverse order.
 */
public final class TokenService implements AutoCloseable {
  private final Lifecycle lifecycle;
  private final Map<String, AppRefresher> refreshers;
  private final AdminServer admin;
  private final TokenHttpApi api;

  private TokenService(
      Lifecycle lifecycle,
      Map<String, AppRefresher> refreshers,
      AdminServer admin,
      TokenHttpApi api) {
    this.lifecycle = lifecycle;
    this.refreshers = refreshers;
    this.admin = admin;
    this.api = api;
  }

  /**
   * Starts the admin port, the store, one refresher per account (each on a thread of its own), the
   * listener that wakes them when Redis changes, and the HTTP API when it has clients.
   */
  public static TokenService start(TokenServiceConfig config, InstantSource clock) {
    Lifecycle lifecycle = new Lifecycle("token-service " + config.replicaId());
    try {
      PrometheusMeterRegistry registry = Metrics.newRegistry("token-service");
      AdminServer admin = lifecycle.register("admin", AdminServer.start(config.admin(), registry));
      RedisTokenStore store =
          lifecycle.register(
              "redis", RedisTokenStore.connect(config.redis(), config.redisPrefix()));
      var mapper = ContractCodec.newMapper();
      TokenMetrics metrics = new TokenMetrics(registry);
      Map<String, AppRefresher> refreshers =
          refreshers(config, clock, lifecycle, store, metrics, mapper);
      refreshers.values().forEach(r -> admin.addReadinessCheck("app " + r.appid(), r::health));
      admin.addReadinessCheck(
          "redis", () -> store.ping() ? Health.ok() : Health.down("Redis does not answer"));
      refreshers
          .values()
          .forEach(r -> lifecycle.register("refresher " + r.appid(), startThread(r)));
      lifecycle.register("token events", tokenEvents(store, refreshers));
      tickets(config, clock, lifecycle, store, metrics, mapper)
          .forEach(
              r -> lifecycle.register("refresher " + r.appid() + " " + r.held(), startThread(r)));
      TokenHttpApi api =
          config.api() == null
              ? null
              : httpApi(config, lifecycle, refreshers.keySet(), metrics, clock, mapper);
      admin.markStarted();
      return new TokenService(lifecycle, refreshers, admin, api);
    } catch (RuntimeException e) {
      lifecycle.close();
      throw e;
    }
  }

  /** One refresher per account, sharing the store and WeChat's token endpoint. */
  private static Map<String, AppRefresher> refreshers(
      TokenServiceConfig config,
      InstantSource clock,
      Lifecycle lifecycle,
      RedisTokenStore store,
      TokenMetrics metrics,
      JsonMapper mapper) {
    WeChatTokenEndpoint wechat =
        new WeChatTokenEndpoint(config.wechatApiBase(), config.upstreamTimeout(), mapper);
    lifecycle.register("wechat client", wechat::close);
    Map<String, AppRefresher> refreshers = new LinkedHashMap<>();
    for (AppCredentials app : config.apps()) {
      refreshers.put(
          app.appid(), new AppRefresher(app, config.refresh(), store, wechat, metrics, clock));
    }
    return refreshers;
  }

  /**
   * The refreshers of the account's tickets (TOKEN_TICKETS), not started. Not in readiness: an
   * account without JS-SDK rights still has its token served.
   */
  private static List<AppRefresher> tickets(
      TokenServiceConfig config,
      InstantSource clock,
      Lifecycle lifecycle,
      RedisTokenStore store,
      TokenMetrics metrics,
      JsonMapper mapper) {
    if (config.tickets().isEmpty()) {
      return List.of();
    }
    TokenClient tokens =
        lifecycle.register(
            "ticket token client",
            TokenClient.connect(config.redis(), config.redisPrefix(), config.lockLease()));
    var wiring =
        new TicketRefreshers.Wiring(
            config.wechatApiBase(),
            config.upstreamTimeout(),
            mapper,
            store,
            tokens,
            metrics,
            config.refresh(),
            clock);
    return TicketRefreshers.build(wiring, config.apps(), config.tickets(), lifecycle);
  }

  /** Redis's news for the refreshers: a token written, a generation reported, a reconnect. */
  private static TokenEvents tokenEvents(
      RedisTokenStore store, Map<String, AppRefresher> refreshers) {
    return TokenEvents.start(
        store,
        (appid, gen) -> wakeOne(refreshers, appid),
        (appid, gen) -> {
          AppRefresher r = refreshers.get(appid);
          if (r != null) {
            r.reportInvalid(gen);
          }
        },
        () -> refreshers.values().forEach(AppRefresher::wake));
  }

  /** The HTTP API for callers that cannot read Redis, its invalidate budget shared in Redis. */
  private static TokenHttpApi httpApi(
      TokenServiceConfig config,
      Lifecycle lifecycle,
      Set<String> apps,
      TokenMetrics metrics,
      InstantSource clock,
      JsonMapper mapper) {
    // invalidate waits at most one lock lease: by then some replica has refreshed or failed
    TokenClient client =
        lifecycle.register(
            "api token client",
            TokenClient.connect(config.redis(), config.redisPrefix(), config.lockLease()));
    RedisClient redis = lifecycle.register("api budget", RedisClients.create(config.redis()));
    var settings =
        new TokenHttpApi.Settings(config.apiHost(), config.apiPort(), config.api(), apps);
    return lifecycle.register(
        "http api",
        TokenHttpApi.start(
            settings,
            new TokenHttpApi.Readers(TokenReader.of(client), client::ticket, config.tickets()),
            new RedisInvalidateBudget(redis, config.redisPrefix(), clock),
            metrics,
            mapper));
  }

  private static AutoCloseable startThread(AppRefresher refresher) {
    Thread thread =
        Thread.ofVirtual()
            .name("refresher-" + refresher.appid() + "-" + refresher.held())
            .start(refresher);
    return () -> {
      refresher.close();
      thread.join(5000);
    };
  }

  private static void wakeOne(Map<String, AppRefresher> refreshers, String appid) {
    AppRefresher r = refreshers.get(appid);
    if (r != null) {
      r.wake();
    }
  }

  public int adminPort() {
    return admin.port();
  }

  /**
   * The HTTP API's port, or -1 when it is disabled (no TOKEN_API_CLIENTS_FILE nor _BEARER_FILE).
   */
  public int apiPort() {
    return api == null ? -1 : api.port();
  }

  /** Readiness per account, for tests and logs. */
  public Map<String, Boolean> ready() {
    return refreshers.values().stream()
        .collect(
            Collectors.toMap(
                AppRefresher::appid, r -> r.health().up(), (a, b) -> a, LinkedHashMap::new));
  }

  @Override
  public void close() {
    admin.markStopping(); // not ready first: no new API request is sent here
    lifecycle.close();
  }
}
