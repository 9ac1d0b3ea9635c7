package io.wxrelay.token;

import io.wxrelay.kit.accounts.Account;
import io.wxrelay.kit.accounts.AccountsFile;
import io.wxrelay.kit.accounts.Secrets;
import io.wxrelay.kit.config.AdminSettings;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.schemas.Ids;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.http.ApiAccess;
import io.wxrelay.token.refresh.RefreshSettings;
import io.wxrelay.token.upstream.AppCredentials;
import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Everything token-service is started with, read from the environment in one place. Every variable,
 * its default and unit is in the token-service section of docs/reference.md.
 *
 * @param api who may call the HTTP API, and over TLS or not; null disables the API
 * @param tickets the JS-SDK tickets held per account besides the token ({@code TOKEN_TICKETS})
 */
public record TokenServiceConfig(
    List<AppCredentials> apps,
    URI wechatApiBase,
    Duration refreshMargin,
    Duration stableRenewWindow,
    Duration lockLease,
    Duration upstreamTimeout,
    Duration retryMin,
    Duration retryMax,
    Duration configErrorBackoff,
    Duration quotaBackoff,
    int forceDailyLimit,
    Duration forceMinInterval,
    String redisPrefix,
    String replicaId,
    RedisSettings redis,
    AdminSettings admin,
    String apiHost,
    int apiPort,
    @Nullable ApiAccess api,
    Set<TicketType> tickets) {

  public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(10);
  public static final Duration DEFAULT_STABLE_RENEW_WINDOW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(15);
  public static final String DEFAULT_PREFIX = "wxrelay:token:";

  public TokenServiceConfig {
    apps = List.copyOf(apps);
    tickets = tickets.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(tickets));
    if (apps.isEmpty()) {
      throw new ConfigException("TOKEN_APPS", "names no app");
    }
    if (lockLease.compareTo(upstreamTimeout) <= 0) {
      throw new ConfigException("TOKEN_LOCK_LEASE", "must be longer than TOKEN_UPSTREAM_TIMEOUT");
    }
  }

  public static TokenServiceConfig fromEnv(Env env) {
    List<AppCredentials> apps = apps(env);
    Set<String> appids =
        apps.stream().map(AppCredentials::appid).collect(Collectors.toUnmodifiableSet());
    return new TokenServiceConfig(
        apps,
        env.uri("WECHAT_API_BASE", "https://api.weixin.qq.com", "http", "https"),
        env.duration("TOKEN_REFRESH_MARGIN", DEFAULT_REFRESH_MARGIN),
        env.duration("TOKEN_STABLE_RENEW_WINDOW", DEFAULT_STABLE_RENEW_WINDOW),
        env.duration("TOKEN_LOCK_LEASE", DEFAULT_LOCK_LEASE),
        env.duration("TOKEN_UPSTREAM_TIMEOUT", Duration.ofSeconds(5)),
        env.duration("TOKEN_RETRY_MIN", Duration.ofSeconds(1)),
        env.duration("TOKEN_RETRY_MAX", Duration.ofSeconds(60)),
        env.duration("TOKEN_CONFIG_ERROR_BACKOFF", Duration.ofMinutes(5)),
        env.duration("TOKEN_QUOTA_BACKOFF", Duration.ofMinutes(30)),
        env.integer("TOKEN_FORCE_DAILY_LIMIT", 20, 0, 1000),
        env.duration("TOKEN_FORCE_MIN_INTERVAL", Duration.ofSeconds(30)),
        env.string("TOKEN_REDIS_PREFIX", DEFAULT_PREFIX),
        env.string("TOKEN_REPLICA_ID", "token-" + UUID.randomUUID().toString().substring(0, 8)),
        RedisSettings.fromEnv(env),
        AdminSettings.fromEnv(env, 9101),
        env.string("TOKEN_API_HOST", "127.0.0.1"),
        env.port("TOKEN_API_PORT", 8081),
        ApiAccess.fromEnv(env, appids).orElse(null),
        tickets(env.string("TOKEN_TICKETS", "jsapi")));
  }

  /** {@code jsapi}, {@code wx_card}, both comma-separated, or {@code none}. */
  static Set<TicketType> tickets(String spec) {
    Set<TicketType> tickets = EnumSet.noneOf(TicketType.class);
    if (spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
      return tickets;
    }
    for (String name : spec.split(",")) {
      tickets.add(
          TicketType.of(name.trim())
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "TOKEN_TICKETS",
                          "names jsapi, wx_card or none, not '" + name.trim() + "'")));
    }
    return tickets;
  }

  /** {@code TOKEN_APPS} when set (an override), else the accounts file's secrets and endpoints. */
  static List<AppCredentials> apps(Env env) {
    Optional<String> spec = env.optional("TOKEN_APPS");
    if (spec.isPresent()) {
      return apps(spec.get());
    }
    List<Account> accounts = AccountsFile.required(env, "TOKEN_APPS", Set.of(Secrets.APP_SECRET));
    List<AppCredentials> apps = new ArrayList<>();
    for (Account account : accounts) {
      if (account.secret() == null) {
        throw new ConfigException(
            AccountsFile.VARIABLE,
            account.appid() + " has no secret (secret, secretFile or secretEnv)");
      }
      apps.add(
          new AppCredentials(
              account.appid(),
              account.secret(),
              endpoint(account.tokenEndpoint(), apps.size() + 1)));
    }
    return apps;
  }

  /** {@code appid:secret[:stable|classic]}, comma-separated. The error never echoes a secret. */
  static List<AppCredentials> apps(String spec) {
    List<AppCredentials> apps = new ArrayList<>();
    for (String entry : spec.split(",")) {
      String[] parts = entry.trim().split(":");
      if (parts.length < 2 || parts.length > 3 || !Ids.isAppid(parts[0]) || parts[1].isEmpty()) {
        throw new ConfigException(
            "TOKEN_APPS", "entry " + (apps.size() + 1) + " is not appid:secret[:stable|classic]");
      }
      Endpoint endpoint = parts.length == 3 ? endpoint(parts[2], apps.size() + 1) : Endpoint.STABLE;
      apps.add(new AppCredentials(parts[0], parts[1], endpoint));
    }
    return apps;
  }

  private static Endpoint endpoint(String text, int entry) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "stable" -> Endpoint.STABLE;
      case "classic" -> Endpoint.CLASSIC;
      default ->
          throw new ConfigException(
              "TOKEN_APPS", "entry " + entry + ": endpoint is stable or classic");
    };
  }

  /** How this replica refreshes tokens. */
  public RefreshSettings refresh() {
    return new RefreshSettings(
        replicaId,
        lockLease,
        refreshMargin,
        stableRenewWindow,
        forceDailyLimit,
        forceMinInterval,
        configErrorBackoff,
        quotaBackoff,
        retryMin,
        retryMax);
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    return "TokenServiceConfig[apps="
        + apps
        + ", wechat="
        + wechatApiBase
        + ", replica="
        + replicaId
        + ", api="
        + (api == null ? "off" : api.clients() + (api.https() ? " over https" : " over http"))
        + "]";
  }
}
