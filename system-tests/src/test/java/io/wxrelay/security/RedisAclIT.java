package io.wxrelay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.gateway.store.DedupeStore.Claim;
import io.wxrelay.gateway.store.DedupeStore.SignatureUse;
import io.wxrelay.gateway.store.RedisDedupeStore;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.testkit.SecureRedis;
import io.wxrelay.testkit.SecureRedis.User;
import io.wxrelay.token.TokenServiceConfig;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.token.store.RedisTokenStore;
import io.wxrelay.token.store.TokenEvents;
import io.wxrelay.worker.WorkerConfig;
import io.wxrelay.worker.correlation.Correlations.BroadcastRef;
import io.wxrelay.worker.correlation.Correlations.PublishFinish;
import io.wxrelay.worker.correlation.Correlations.TemplateFinish;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.menus.MenuKeys;
import io.wxrelay.worker.ratelimit.Limit;
import io.wxrelay.worker.store.RedisCommandLedger;
import io.wxrelay.worker.store.RedisStores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The TLS + ACL Redis of {@code scripts/redis.sh start-secure} (docs/security.md, "Redis") with the
 * services' own store classes, each under its own user: every operation a service runs is allowed,
 * the other services' keys are refused (NOPERM), and nothing reaches Redis without TLS and the CA.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisAclIT {
  private static final String TOKENS = TokenServiceConfig.DEFAULT_PREFIX;
  private static final String WORKER = WorkerConfig.Ledger.DEFAULT_REDIS_PREFIX;
  private static final String GATEWAY = "wxrelay:gateway:seen:";
  private static final String ENDPOINT = "https://api.weixin.qq.com";

  private static SecureRedis redis;

  @BeforeAll
  static void start() {
    redis = SecureRedis.start();
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void tokenServiceWritesATokenThatAWorkerReadsThroughItsTokenClient() {
    String appid = appid();
    try (RedisTokenStore store = RedisTokenStore.connect(settings(User.TOKEN_SERVICE), TOKENS);
        TokenClient worker =
            TokenClient.connect(settings(User.WORKER), TOKENS, Duration.ofSeconds(10))) {
      assertThat(write(store, appid, 0, "token-1")).contains(1L);
      assertThat(store.tryLock(appid, "replica-a", Duration.ofSeconds(30))).isTrue();
      assertThat(store.lockHolder(appid)).contains("replica-a");
      store.unlock(appid, "replica-a");
      assertThat(store.takeForceRefresh(appid, "20261205", 5, Duration.ZERO, Instant.now()))
          .isEqualTo(4);

      assertThat(worker.current(appid).value()).isEqualTo("token-1");
      assertThat(worker.read(appid)).map(t -> t.generation()).contains(1L);
    }
  }

  @Test
  void aWorkersInvalidTokenReportReachesTokenServiceWhoseNewTokenReachesTheWorker() {
    String appid = appid();
    try (RedisTokenStore store = RedisTokenStore.connect(settings(User.TOKEN_SERVICE), TOKENS);
        TokenEvents requests =
            TokenEvents.start(
                store,
                (app, generation) -> {},
                (app, generation) -> write(store, app, generation, "token-" + (generation + 1)),
                () -> {});
        TokenClient worker =
            TokenClient.connect(settings(User.WORKER), TOKENS, Duration.ofSeconds(15))) {
      write(store, appid, 0, "token-1");
      assertThat(worker.current(appid).generation()).isEqualTo(1);

      // The worker publishes on the requests channel, token-service hears it and writes (its
      // script publishes on the updates channel), the worker's client hears that and reads.
      assertThat(worker.reportInvalid(appid, 1).value()).isEqualTo("token-2");
    }
  }

  @Test
  void aWorkerRunsItsLedgerButCannotWriteATokenNorTakeTheLock() {
    String appid = appid();
    String command = "cmd-" + UUID.randomUUID();
    try (RedisStores stores = workerStores();
        RedisTokenStore asWorker = RedisTokenStore.connect(settings(User.WORKER), TOKENS)) {
      RedisCommandLedger ledger = stores.ledger();
      assertThat(ledger.claim(command, appid + ":openid", "worker-1", Duration.ofSeconds(30)))
          .isEqualTo(new CommandLedger.Claim.Granted(false));
      ledger.stepDone(command, "upload", "media-1");
      assertThat(ledger.stepsDone(command)).containsEntry("upload", "media-1");
      assertThat(ledger.complete(command, appid + ":openid", bytes("{\"ok\":true}")))
          .isEqualTo(bytes("{\"ok\":true}"));
      assertThat(ledger.claim(command, appid + ":openid", "worker-2", Duration.ofSeconds(30)))
          .isInstanceOf(CommandLedger.Claim.Done.class);
      assertThat(stores.appendOnly()).contains(true);

      assertNoPermission(() -> write(asWorker, appid, 0, "forged"));
      assertNoPermission(() -> asWorker.tryLock(appid, "worker-1", Duration.ofSeconds(30)));
    }
  }

  @Test
  void aWorkerRunsItsRateLimiterAndCorrelations() {
    String appid = appid();
    try (RedisStores stores = workerStores()) {
      var limiter = stores.rateLimiter();
      Limit limit = new Limit(100, Duration.ofSeconds(1), 1);
      assertThat(limiter.reserve(appid, "send", limit).granted()).isTrue();
      var admitted = limiter.admit(appid, "send", limit);
      assertThat(admitted.granted()).isTrue();
      assertThat(limiter.go(appid, "send", limit, admitted.send(), Duration.ofSeconds(24)))
          .isZero();
      limiter.answered(appid, "send", limit, admitted.send());
      assertThat(limiter.clockMicros()).isPositive();
      assertThat(limiter.pauseUntilNextWindow(appid, "send", Duration.ofSeconds(1))).isPositive();
      assertThat(limiter.paused(appid, "send")).isPositive();

      var correlations = stores.correlations();
      correlations.rememberQrReply(appid, "scene-1", "{\"text\":\"hi\"}", Duration.ofMinutes(1));
      assertThat(correlations.qrReply(appid, "scene-1")).contains("{\"text\":\"hi\"}");
      correlations.rememberBroadcast(
          appid, 42, new BroadcastRef("cmd-9", 2), Duration.ofMinutes(1));
      assertThat(correlations.broadcast(appid, 42)).contains(new BroadcastRef("cmd-9", 2));
    }
  }

  @Test
  void aWorkerKeepsItsMenuKeysAndItsTemplateAndPublishLinks() {
    String appid = appid();
    try (RedisStores stores = workerStores()) {
      var menus = stores.menuKeys();
      menus.put(appid, MenuKeys.DEFAULT, Set.of("TODAY"));
      menus.put(appid, "208", Set.of("VIP"));
      menus.remove(appid, "208");
      menus.replace(appid, Map.of(MenuKeys.DEFAULT, Set.of("NEW"), "209", Set.of()));
      assertThat(menus.all(appid))
          .isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of("NEW"), "209", Set.of()));
      menus.replace(appid, Map.of());
      assertThat(menus.all(appid)).isEmpty();

      var correlations = stores.correlations();
      Duration ttl = Duration.ofMinutes(1);
      correlations.rememberTemplate(appid, 7, "cmd-tpl", ttl);
      assertThat(correlations.template(appid, 7)).contains("cmd-tpl");
      TemplateFinish sent = new TemplateFinish("evt-1", "oUser1", "success");
      correlations.rememberTemplateFinish(appid, 7, sent, ttl);
      assertThat(correlations.templateFinish(appid, 7)).contains(sent);
      correlations.rememberPublish(appid, "2247483", "cmd-pub", ttl);
      assertThat(correlations.publish(appid, "2247483")).contains("cmd-pub");
      PublishFinish published =
          new PublishFinish("evt-2", 0, "art-1", List.of("https://mp.example/s/1"), List.of());
      correlations.rememberPublishFinish(appid, "2247483", published, ttl);
      assertThat(correlations.publishFinish(appid, "2247483")).contains(published);
    }
  }

  @Test
  void tokenServiceHoldsATicketWhoseStatusTheCliReadsButCannotWrite() {
    String appid = appid();
    String segment = TicketType.JSAPI.storeSegment();
    try (RedisTokenStore tokens = RedisTokenStore.connect(settings(User.TOKEN_SERVICE), TOKENS)) {
      RedisTokenStore tickets = tokens.view(segment);
      assertThat(write(tickets, appid, 0, "ticket-1")).contains(1L);
      assertThat(tickets.tryLock(appid, "replica-a", Duration.ofSeconds(30))).isTrue();
      tickets.unlock(appid, "replica-a");
      assertThat(tickets.takeForceRefresh(appid, "20261205", 5, Duration.ZERO, Instant.now()))
          .isEqualTo(4);
    }
    try (RelayRedis cli = RelayRedis.connect(CliSettings.fromEnv(Env.of(redis.env(User.CLI))))) {
      RedisTokenStore tickets = cli.tokens().view(segment);
      assertThat(tickets.read(appid)).map(t -> t.generation()).contains(1L);
      assertThat(tickets.forceBudgetLeft(appid, "20261205", 5)).isEqualTo(4);
      assertNoPermission(() -> write(tickets, appid, 1, "forged"));
    }
  }

  @Test
  void theGatewayRunsItsDedupeButCannotReadATokenNorTheWorkersKeys() throws Exception {
    String appid = appid();
    try (RedisTokenStore store = RedisTokenStore.connect(settings(User.TOKEN_SERVICE), TOKENS);
        RedisDedupeStore dedupe = RedisDedupeStore.connect(settings(User.GATEWAY), GATEWAY);
        RedisTokenStore asGateway = RedisTokenStore.connect(settings(User.GATEWAY), TOKENS);
        RedisClient gatewayClient = RedisClients.create(settings(User.GATEWAY))) {
      write(store, appid, 0, "token-1");
      String event = appid + ":event-1";
      SignatureUse use = new SignatureUse("sig:" + event, "body-1", Duration.ofMinutes(5));

      assertThat(dedupe.claim(event, Duration.ofSeconds(30), use).get(10, TimeUnit.SECONDS))
          .isEqualTo(Claim.CLAIMED);
      dedupe.done(event, Duration.ofMinutes(5));
      // One thread sends the queue in order: the claim after done() finds it done.
      assertThat(dedupe.claim(event, Duration.ofSeconds(30), use).get(10, TimeUnit.SECONDS))
          .isEqualTo(Claim.DONE);

      assertNoPermission(() -> asGateway.read(appid));
      assertNoPermission(() -> gatewayClient.get(WORKER + "qr:" + appid + ":scene-1"));
    }
  }

  @Test
  void theCliReadsTokenStatusAndForgetsALedgerResultButWritesNoToken() {
    String appid = appid();
    String command = "cmd-" + UUID.randomUUID();
    byte[] result = bytes("{\"status\":\"FAILED\"}");
    try (RedisTokenStore store = RedisTokenStore.connect(settings(User.TOKEN_SERVICE), TOKENS);
        RedisStores stores = workerStores()) {
      write(store, appid, 0, "token-1");
      stores.ledger().claim(command, null, "worker-1", Duration.ofSeconds(30));
      stores.ledger().complete(command, null, result);
    }
    try (RelayRedis cli = RelayRedis.connect(CliSettings.fromEnv(Env.of(redis.env(User.CLI))))) {
      assertThat(cli.tokens().read(appid)).map(t -> t.generation()).contains(1L);
      assertThat(cli.tokens().forceBudgetLeft(appid, "20261205", 5)).isEqualTo(5);
      assertThat(cli.ledger().storedResult(command))
          .hasValueSatisfying(r -> assertThat(r).isEqualTo(result));
      assertThat(cli.ledger().forget(command, result)).isTrue();
      assertThat(cli.ledger().storedResult(command)).isEmpty();

      assertNoPermission(() -> write(cli.tokens(), appid, 1, "forged"));
    }
  }

  @Test
  void aPlaintextConnectionToTheTlsPortFails() {
    URI plaintext = URI.create("redis://127.0.0.1:" + redis.port());
    try (RedisClient client =
        RedisClients.create(new RedisSettings(plaintext, 1, Duration.ofSeconds(2)))) {
      assertThatThrownBy(client::ping).isInstanceOf(JedisConnectionException.class);
    }
  }

  @Test
  void withoutTheCaFileTheTlsHandshakeFails() {
    Map<String, String> env = new HashMap<>(redis.env(User.ADMIN));
    env.remove("REDIS_CA_FILE");
    try (RedisClient client = RedisClients.create(RedisSettings.fromEnv(Env.of(env)))) {
      assertThatThrownBy(client::ping)
          .isInstanceOf(JedisConnectionException.class)
          .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
    }
  }

  @Test
  void withoutAUserTheDefaultUserIsOff() {
    URI anonymous = URI.create("rediss://127.0.0.1:" + redis.port());
    RedisSettings settings =
        new RedisSettings(anonymous, 1, Duration.ofSeconds(2), Optional.of(redis.caFile()));
    try (RedisClient client = RedisClients.create(settings)) {
      assertThatThrownBy(client::ping)
          .isInstanceOf(JedisException.class)
          .hasMessageStartingWith("NOAUTH");
    }
  }

  private static RedisSettings settings(User user) {
    return RedisSettings.fromEnv(Env.of(redis.env(user)), 4);
  }

  private static RedisStores workerStores() {
    return RedisStores.connect(
        settings(User.WORKER),
        WORKER,
        Duration.ofDays(1),
        Duration.ofDays(1),
        Duration.ofDays(1),
        Duration.ofMinutes(15),
        1);
  }

  private static Optional<Long> write(
      RedisTokenStore store, String appid, long generation, String token) {
    Instant now = Instant.now();
    return store.writeIfCurrent(
        appid, generation, token, now, now.plus(Duration.ofHours(2)), ENDPOINT);
  }

  private static void assertNoPermission(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(JedisException.class).hasMessageStartingWith("NOPERM");
  }

  private static java.util.List<Throwable> causes(Throwable e) {
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static String appid() {
    return "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
