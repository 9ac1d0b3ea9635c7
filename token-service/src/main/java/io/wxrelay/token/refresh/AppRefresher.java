package io.wxrelay.token.refresh;

import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.retry.Backoff;
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
 * read. Loops until closed: read, decide whether a refresh is due, refresh under the lock, sleep
 * until the next moment something can be due (woken early by pub/sub).
 */
public final class AppRefresher implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AppRefresher.class);
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final Duration LOCK_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_SLEEP = Duration.ofSeconds(10);

  private final AppCredentials app;
  private final RefreshSettings config;
  private final TokenStore store;
  private final TokenEndpoint wechat;
  private final TokenMetrics metrics;
  private final InstantSource clock;
  private final Object signal = new Object();
  private boolean woken; // guarded by signal: a wake-up that came while we were busy

  private volatile boolean running = true;
  private volatile long reportedInvalid = -1;
  private volatile @Nullable StoredToken lastSeen;
  private volatile @Nullable String configError;
  private Instant notBefore = Instant.MIN;
  private int transientFailures;

  public AppRefresher(
      AppCredentials app,
      RefreshSettings config,
      TokenStore store,
      TokenEndpoint wechat,
      TokenMetrics metrics,
      InstantSource clock) {
    this.app = app;
    this.config = config;
    this.store = store;
    this.wechat = wechat;
    this.metrics = metrics;
    this.clock = clock;
    metrics.register(app.appid(), this::gauges);
  }

  public String appid() {
    return app.appid();
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
      return Health.down("app " + app.appid() + ": no valid token yet");
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
        log.warn("app {}: refresh step failed: {}", app.appid(), e.getClass().getSimpleName());
        wait = backoff();
      }
      sleep(wait);
    }
  }

  /** One pass; returns how long to wait before the next. */
  Duration step() {
    Instant now = clock.instant();
    Optional<StoredToken> stored = read();
    Optional<Reason> reason = due(stored, now);
    if (reason.isEmpty()) {
      return untilDue(stored.orElseThrow(), now);
    }
    if (now.isBefore(notBefore)) {
      return Duration.between(now, notBefore);
    }
    boolean locked = store.tryLock(app.appid(), config.replicaId(), config.lockLease());
    metrics.lock(app.appid(), locked);
    if (!locked) {
      return LOCK_RETRY; // another replica refreshes; its write will wake us
    }
    try {
      stored = read(); // it may have been refreshed between our read and the lock
      reason = due(stored, clock.instant());
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

  private Optional<Reason> due(Optional<StoredToken> stored, Instant now) {
    if (stored.isEmpty() || !stored.get().endpoint().equals(app.endpoint().label())) {
      return Optional.of(Reason.STARTUP);
    }
    if (reportedInvalid == stored.get().generation()) {
      return Optional.of(Reason.REPORTED_INVALID);
    }
    if (!now.isBefore(refreshAt(stored.get()))) {
      return Optional.of(Reason.AHEAD_OF_EXPIRY);
    }
    return Optional.empty();
  }

  /**
   * When {@code token} is due: its expiry less the margin, but never in the first half of its life
   * (a margin longer than WeChat's expires_in must not become a refresh loop burning quota).
   */
  private Instant refreshAt(StoredToken token) {
    Instant byMargin = token.expiresAt().minus(config.marginFor(app.endpoint()));
    Instant halfLife =
        token
            .obtainedAt()
            .plus(Duration.between(token.obtainedAt(), token.expiresAt()).dividedBy(2));
    return byMargin.isAfter(halfLife) ? byMargin : halfLife;
  }

  private Duration untilDue(StoredToken token, Instant now) {
    Duration until = Duration.between(now, refreshAt(token));
    return until.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : until;
  }

  private void refresh(Optional<StoredToken> stored, Reason reason) {
    log.info(
        "app {}: refreshing ({}), current generation {}",
        app.appid(),
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
        notBefore = clock.instant().plus(config.stableRenewWindow().dividedBy(10));
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
      notBefore = now.plus(left == -2 ? config.forceMinInterval() : Duration.ofHours(1));
      return;
    }
    apply(Optional.of(stored), Reason.FORCED, fetch(true));
  }

  private void apply(Optional<StoredToken> stored, Reason reason, FetchOutcome outcome) {
    Instant now = clock.instant();
    switch (outcome) {
      case FetchOutcome.Issued issued -> write(stored, reason, issued, now);
      case FetchOutcome.ConfigError error -> {
        configError = error.reason();
        log.error(
            "app {}: WeChat refuses the configuration ({}); retrying in {}",
            app.appid(),
            error.reason(),
            config.configErrorBackoff());
        metrics.refresh(app.appid(), reason.tag, "config_error");
        notBefore = now.plus(config.configErrorBackoff());
      }
      case FetchOutcome.QuotaExhausted quota -> {
        log.warn(
            "app {}: token quota spent ({}); retrying in {}",
            app.appid(),
            quota.reason(),
            config.quotaBackoff());
        metrics.refresh(app.appid(), reason.tag, "quota");
        notBefore = now.plus(config.quotaBackoff());
      }
      case FetchOutcome.Transient failure -> {
        transientFailures++;
        log.warn(
            "app {}: token fetch failed ({}), attempt {}",
            app.appid(),
            failure.reason(),
            transientFailures);
        metrics.refresh(app.appid(), reason.tag, "transient");
        notBefore = now.plus(backoff());
      }
    }
  }

  private void write(
      Optional<StoredToken> stored, Reason reason, FetchOutcome.Issued issued, Instant now) {
    long expected = stored.map(StoredToken::generation).orElse(0L);
    Instant expiresAt = now.plusSeconds(issued.expiresInSeconds());
    Optional<Long> generation =
        store.writeIfCurrent(
            app.appid(), expected, issued.token(), now, expiresAt, app.endpoint().label());
    configError = null;
    transientFailures = 0;
    notBefore = Instant.MIN;
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
        "app {}: token generation {} ({}, {}), expires {}",
        app.appid(),
        generation.get(),
        app.endpoint().label(),
        reason.tag,
        expiresAt);
    read();
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
    log.warn("app {}: ALARM foreign token rotation suspected: {}", app.appid(), why);
  }

  /** Exponential from TOKEN_RETRY_MIN to TOKEN_RETRY_MAX, with up to 50 % jitter. */
  private Duration backoff() {
    return new Backoff(config.retryMin(), config.retryMax()).after(transientFailures);
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
