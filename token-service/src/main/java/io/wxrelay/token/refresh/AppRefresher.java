package io.wxrelay.token.refresh;

import io.wxrelay.kit.admin.Health;
import io.wxrelay.token.metrics.TokenMetrics;
import io.wxrelay.token.store.StoredToken;
import io.wxrelay.token.store.TokenStore;
import io.wxrelay.token.upstream.AppCredentials;
import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import io.wxrelay.token.upstream.FetchOutcome;
import io.wxrelay.token.upstream.TokenEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one account's token fresh in Redis. Any number of replicas run one each; the Redis lock
 * lets one of them refresh, the generation check makes sure it writes over exactly the token it
 * read. Loops until closed: read, ask the {@link RefreshSchedule} whether a refresh is due, refresh
 * under the lock, sleep until the next moment something can be due (woken early by pub/sub).
 */
public final class AppRefresher implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AppRefresher.class);
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final Duration LOCK_RETRY = Duration.ofMillis(200);

  private final AppCredentials app;
  private final String held;
  private final RefreshSettings config;
  private final TokenStore store;
  private final TokenEndpoint wechat;
  private final TokenMetrics metrics;
  private final InstantSource clock;
  private final RefreshSchedule schedule;
  private final Object signal = new Object();
  private boolean woken; // guarded by signal: a wake-up that came while we were busy

  private volatile boolean running = true;
  private volatile long reportedInvalid = -1;
  private volatile @Nullable StoredToken lastSeen;
  private volatile @Nullable String configError;

  public AppRefresher(
      AppCredentials app,
      RefreshSettings config,
      TokenStore store,
      TokenEndpoint wechat,
      TokenMetrics metrics,
      InstantSource clock) {
    this(app, TokenMetrics.ACCESS_TOKEN, config, store, wechat, metrics, clock);
  }

  /**
   * A refresher of what else is held like the token ({@code held}: e.g. {@code jsapi_ticket}), with
   * its own store view and endpoint; {@code metrics} already tagged with it.
   */
  public AppRefresher(
      AppCredentials app,
      String held,
      RefreshSettings config,
      TokenStore store,
      TokenEndpoint wechat,
      TokenMetrics metrics,
      InstantSource clock) {
    this.app = app;
    this.held = held;
    this.config = config;
    this.store = store;
    this.wechat = wechat;
    this.metrics = metrics;
    this.clock = clock;
    this.schedule = new RefreshSchedule(config, app.endpoint());
    metrics.register(app.appid(), this::gauges);
  }

  public String appid() {
    return app.appid();
  }

  /** What this refresher holds: {@code access_token}, {@code jsapi_ticket}, … */
  public String held() {
    return held;
  }

  /** A worker saw {@code generation} fail: refresh if it is still the current one. */
  public void reportInvalid(long generation) {
    reportedInvalid = generation;
    wake();
  }

  /** Something changed in Redis (a write, a reconnect): look again now. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** Ready when a valid token is stored and the account's configuration works. */
  public Health health() {
    if (configError != null) {
      return Health.down("app " + app.appid() + ": " + configError);
    }
    StoredToken token = lastSeen;
    if (token == null || !clock.instant().isBefore(token.expiresAt())) {
      return Health.down("app " + app.appid() + ": no valid " + held + " yet");
    }
    return Health.ok();
  }

  @Override
  public void run() {
    while (running) {
      Duration wait;
      try {
        wait = step();
      } catch (RuntimeException e) {
        // Redis unreachable or similar: the token in Redis (if any) is still served by readers.
        log.warn(
            "app {} {}: refresh step failed: {}", app.appid(), held, e.getClass().getSimpleName());
        wait = schedule.backoff();
      }
      sleep(wait);
    }
  }

  /** One pass; returns how long to wait before the next. */
  Duration step() {
    Instant now = clock.instant();
    Optional<StoredToken> stored = read();
    Optional<Reason> reason = schedule.due(stored, reportedInvalid, now);
    if (reason.isEmpty()) {
      return schedule.untilDue(stored.orElseThrow(), now);
    }
    Duration held = schedule.heldFor(now);
    if (!held.isZero()) {
      return held;
    }
    boolean locked = store.tryLock(app.appid(), config.replicaId(), config.lockLease());
    metrics.lock(app.appid(), locked);
    if (!locked) {
      return LOCK_RETRY; // another replica refreshes; its write will wake us
    }
    try {
      stored = read(); // it may have been refreshed between our read and the lock
      reason = schedule.due(stored, reportedInvalid, clock.instant());
      if (reason.isPresent()) {
        refresh(stored, reason.get());
      }
    } finally {
      store.unlock(app.appid(), config.replicaId());
    }
    return Duration.ZERO;
  }

  private Optional<StoredToken> read() {
    Optional<StoredToken> stored = store.read(app.appid());
    lastSeen = stored.orElse(null);
    return stored;
  }

  private void refresh(Optional<StoredToken> stored, Reason reason) {
    log.info(
        "app {} {}: refreshing ({}), current generation {}",
        app.appid(),
        held,
        reason.tag,
        stored.map(StoredToken::generation).orElse(0L));
    FetchOutcome outcome = fetch(false);
    if (outcome instanceof FetchOutcome.Issued issued
        && stored.isPresent()
        && issued.token().equals(stored.get().token())) {
      if (reason == Reason.REPORTED_INVALID) {
        forceRefresh(stored.get()); // WeChat says the token a worker saw fail is current
      } else {
        // stable_token before its renewal window answers the same token: look again shortly
        metrics.refresh(app.appid(), reason.tag, "unchanged");
        schedule.unchanged(clock.instant());
      }
      return;
    }
    if (reason == Reason.REPORTED_INVALID && outcome instanceof FetchOutcome.Issued) {
      foreignRotation("a current token was reported invalid and WeChat had a newer one");
    }
    apply(stored, reason, outcome);
  }

  private void forceRefresh(StoredToken stored) {
    Instant now = clock.instant();
    String day = LocalDate.ofInstant(now, CHINA).toString();
    long left =
        store.takeForceRefresh(
            app.appid(), day, config.forceDailyLimit(), config.forceMinInterval(), now);
    foreignRotation(
        "WeChat still hands out the token reported invalid; force refresh budget left " + left);
    if (left < 0) {
      metrics.refresh(app.appid(), Reason.FORCED.tag, "budget_spent");
      schedule.budgetSpent(left, now);
      return;
    }
    apply(Optional.of(stored), Reason.FORCED, fetch(true));
  }

  private void apply(Optional<StoredToken> stored, Reason reason, FetchOutcome outcome) {
    Instant now = clock.instant();
    String appid = app.appid();
    switch (outcome) {
      case FetchOutcome.Issued issued -> write(stored, reason, issued, now);
      case FetchOutcome.ConfigError error -> {
        configError = error.reason();
        Duration wait = schedule.configError(now);
        log.error(
            "app {}: WeChat refuses the configuration ({}); retrying in {}",
            appid,
            configError,
            wait);
        metrics.refresh(appid, reason.tag, "config_error");
      }
      case FetchOutcome.QuotaExhausted quota -> {
        Duration wait = schedule.quotaSpent(now);
        log.warn("app {}: {} quota spent ({}); retrying in {}", appid, held, quota.reason(), wait);
        metrics.refresh(appid, reason.tag, "quota");
      }
      case FetchOutcome.Transient failure -> {
        int attempt = schedule.transientFailure(now);
        log.warn(
            "app {}: {} fetch failed ({}), attempt {}", appid, held, failure.reason(), attempt);
        metrics.refresh(appid, reason.tag, "transient");
      }
    }
  }

  private void write(
      Optional<StoredToken> stored, Reason reason, FetchOutcome.Issued issued, Instant now) {
    long expected = stored.map(StoredToken::generation).orElse(0L);
    Instant expiresAt = expiry(stored, issued, now);
    Optional<Long> generation =
        store.writeIfCurrent(
            app.appid(), expected, issued.token(), now, expiresAt, app.endpoint().label());
    configError = null;
    schedule.issued();
    if (generation.isEmpty()) {
      // Our lease ran out and another replica wrote first: its token is the newer one.
      log.warn(
          "app {}: generation {} was replaced while we refreshed; keeping the newer token",
          app.appid(),
          expected);
      metrics.refresh(app.appid(), reason.tag, "conflict");
      return;
    }
    metrics.refresh(app.appid(), reason.tag, "issued");
    log.info(
        "app {}: {} generation {} ({}, {}), expires {}",
        app.appid(),
        held,
        generation.get(),
        app.endpoint().label(),
        reason.tag,
        expiresAt);
    read();
  }

  /**
   * When what WeChat issued expires: {@code expires_in} from now, except that the very value
   * already stored keeps its stored expiry (getticket answers a ticket still valid with 7200 again,
   * docs/wechat-api.md §12.1: counting from now would serve it past its real end).
   */
  static Instant expiry(Optional<StoredToken> stored, FetchOutcome.Issued issued, Instant now) {
    Instant fromNow = now.plusSeconds(issued.expiresInSeconds());
    if (stored.isPresent()
        && stored.get().token().equals(issued.token())
        && stored.get().expiresAt().isBefore(fromNow)) {
      return stored.get().expiresAt();
    }
    return fromNow;
  }

  private FetchOutcome fetch(boolean force) {
    long start = System.nanoTime();
    FetchOutcome outcome = wechat.fetch(app, force);
    String label =
        switch (outcome) {
          case FetchOutcome.Issued i -> "issued";
          case FetchOutcome.ConfigError c -> "config_error";
          case FetchOutcome.QuotaExhausted q -> "quota";
          case FetchOutcome.Transient t -> "transient";
        };
    metrics.upstream(
        app.appid(), app.endpoint().label(), label, Duration.ofNanos(System.nanoTime() - start));
    return outcome;
  }

  private void foreignRotation(String why) {
    metrics.foreignRotation(app.appid());
    log.warn("app {}: ALARM foreign {} rotation suspected: {}", app.appid(), held, why);
  }

  private TokenMetrics.AppGauges gauges() {
    StoredToken token = lastSeen;
    Instant now = clock.instant();
    String day = LocalDate.ofInstant(now, CHINA).toString();
    int budget;
    try {
      budget =
          app.endpoint() == Endpoint.STABLE
              ? store.forceBudgetLeft(app.appid(), day, config.forceDailyLimit())
              : 0;
    } catch (RuntimeException e) {
      budget = -1; // Redis unreachable at scrape time
    }
    return new TokenMetrics.AppGauges(
        token == null ? 0 : token.remaining(now).toMillis() / 1000.0,
        token == null ? 0 : token.generation(),
        budget,
        health().up());
  }

  private void sleep(Duration wait) {
    if (wait.isZero() || wait.isNegative() || !running) {
      return;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (signal) {
      try {
        // In a loop: a spurious wake-up is neither a wake() nor the end of the wait.
        for (long left = wait.toNanos(); !woken && running && left > 0; ) {
          TimeUnit.NANOSECONDS.timedWait(signal, left);
          left = deadline - System.nanoTime();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      woken = false;
    }
  }

  @Override
  public void close() {
    running = false;
    wake();
  }
}
