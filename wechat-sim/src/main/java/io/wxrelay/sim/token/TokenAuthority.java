package io.wxrelay.sim.token;

import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.rules.WeChatError;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks access tokens with WeChat's semantics (docs/wechat-api.md §1):
 *
 * <ul>
 *   <li>{@code cgi-bin/token}: a new token on every call; the previous one stays valid for the
 *       grace period, older ones die at once; a daily quota (45009).
 *   <li>{@code cgi-bin/stable_token}: the same token while valid, renewed in the last minutes (old
 *       and new then both valid); {@code force_refresh} kills the previous one, at most 20 a day
 *       and 30 s apart (a closer call returns the current token without refreshing).
 *   <li>Classic and stable tokens are independent; both authorize every API.
 * </ul>
 *
 * Days are counted in China Standard Time, as WeChat's quotas are.
 */
public final class TokenAuthority {
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final SimRules rules;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> byValue = new ConcurrentHashMap<>();
  private final Map<String, AppTokens> byApp = new HashMap<>();

  /** A token that was handed out. {@code diesAt} may be brought forward by a newer token. */
  record Issued(String appid, String value, Instant expiresAt, Instant diesAt) {}

  /** Per-app state; guarded by the authority's lock. */
  private static final class AppTokens {
    Issued classicCurrent;
    Issued classicPrevious;
    Issued stableCurrent;
    LocalDate day;
    int classicToday;
    int forcedToday;
    Instant lastForced;
  }

  /** A token as the endpoints answer it; {@code issued} when this call created it. */
  public record Grant(String accessToken, long expiresIn, boolean issued) {}

  public TokenAuthority(SimRules rules, InstantSource clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /** {@code GET cgi-bin/token}: always a new token, unless the daily quota is used up. */
  public synchronized Grant classic(String appid) {
    Instant now = clock.instant();
    AppTokens app = app(appid, now);
    if (app.classicToday >= rules.tokenDailyQuota()) {
      throw WeChatError.DAILY_QUOTA.exception();
    }
    app.classicToday++;
    if (app.classicPrevious != null) {
      kill(app.classicPrevious, now); // only the latest superseded token keeps a grace period
    }
    if (app.classicCurrent != null) {
      app.classicPrevious = shorten(app.classicCurrent, now.plus(rules.tokenGrace()));
    }
    app.classicCurrent = issue(appid, now);
    return grant(app.classicCurrent, now, true);
  }

  /** {@code POST cgi-bin/stable_token}. */
  public synchronized Grant stable(String appid, boolean forceRefresh) {
    Instant now = clock.instant();
    AppTokens app = app(appid, now);
    Issued current = app.stableCurrent;
    boolean alive = current != null && now.isBefore(current.diesAt());
    if (forceRefresh && alive) {
      if (app.lastForced != null
          && Duration.between(app.lastForced, now).compareTo(rules.stableForceMinInterval()) < 0) {
        return grant(current, now, false); // "连续使用该模式时，请保证调用时间隔至少为30s，否则不会刷新"
      }
      if (app.forcedToday >= rules.stableForceDailyLimit()) {
        throw WeChatError.DAILY_QUOTA.exception(); // undocumented; docs/wechat-api.md §7.2
      }
      app.forcedToday++;
      app.lastForced = now;
      kill(current, now);
      app.stableCurrent = issue(appid, now);
      return grant(app.stableCurrent, now, true);
    } else if (!alive || !now.isBefore(current.expiresAt().minus(rules.stableRenewBefore()))) {
      // Normal mode renews in the last minutes; the old token lives to its own expiry.
      app.stableCurrent = issue(appid, now);
      return grant(app.stableCurrent, now, true);
    }
    return grant(app.stableCurrent, now, false);
  }

  /** Whether {@code token} authorizes a call now: the appid it belongs to, or a WeChat error. */
  public String check(String token) {
    if (token == null || token.isEmpty()) {
      throw WeChatError.ACCESS_TOKEN_MISSING.exception();
    }
    Issued issued = byValue.get(token);
    if (issued == null) {
      throw WeChatError.INVALID_CREDENTIAL.exception();
    }
    Instant now = clock.instant();
    if (!now.isBefore(issued.expiresAt())) {
      throw WeChatError.TOKEN_EXPIRED.exception();
    }
    if (!now.isBefore(issued.diesAt())) {
      throw WeChatError.INVALID_CREDENTIAL.exception(); // superseded: "not latest"
    }
    return issued.appid();
  }

  private AppTokens app(String appid, Instant now) {
    AppTokens app = byApp.computeIfAbsent(appid, a -> new AppTokens());
    LocalDate today = LocalDate.ofInstant(now, CHINA);
    if (!today.equals(app.day)) {
      app.day = today;
      app.classicToday = 0;
      app.forcedToday = 0;
    }
    return app;
  }

  private Issued issue(String appid, Instant now) {
    byValue.values().removeIf(t -> !now.isBefore(t.diesAt())); // forget dead tokens
    byte[] bytes = new byte[96];
    random.nextBytes(bytes);
    String value = "89_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expires = now.plus(rules.tokenTtl());
    Issued issued = new Issued(appid, value, expires, expires);
    byValue.put(value, issued);
    return issued;
  }

  private Issued shorten(Issued token, Instant diesAt) {
    Issued shorter =
        new Issued(
            token.appid(),
            token.value(),
            token.expiresAt(),
            diesAt.isBefore(token.diesAt()) ? diesAt : token.diesAt());
    byValue.put(token.value(), shorter);
    return shorter;
  }

  private void kill(Issued token, Instant now) {
    shorten(token, now);
  }

  private static Grant grant(Issued token, Instant now, boolean issued) {
    long expiresIn = Math.max(0, Duration.between(now, token.expiresAt()).toSeconds());
    return new Grant(token.value(), expiresIn, issued);
  }
}
