package io.wxrelay.sim;

import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.Ids;
import io.wxrelay.sim.account.AccountType;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.rules.SimRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the simulator is started with. {@link #fromEnv} reads the variables listed in the
 * wechat-sim section of docs/reference.md; tests build one with {@link #forTests}.
 *
 * @param apps the accounts, each with a generated population
 * @param faults initial fault plans, e.g. {@code message/custom/send: rate=0.1; errors=-1}
 * @param seed seeds fault decisions, so a run can be repeated
 */
public record SimConfig(
    String host,
    int port,
    int ioThreads,
    SimRules rules,
    List<AppSetup> apps,
    String faults,
    long seed) {

  public static final String DEFAULT_APPID = "wx5823bf96d3bd56c7";
  public static final String DEFAULT_SECRET = "sim-secret-0123456789abcdef";

  /** A well-formed sample EncodingAESKey (43 characters); use your own for anything real. */
  public static final String SAMPLE_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  /**
   * One account and its users: {@code followers} generated OpenIDs over {@code tags} tags, plus
   * {@code seeded} ones given by name ({@code openid} or {@code openid@tagId}).
   */
  public record AppSetup(AppConfig app, int followers, int tags, List<String> seeded) {
    public AppSetup {
      seeded = List.copyOf(seeded);
    }

    public AppSetup(AppConfig app, int followers, int tags) {
      this(app, followers, tags, List.of());
    }
  }

  public SimConfig {
    apps = List.copyOf(apps);
  }

  /** One plaintext service account with 100 followers on a free port, WeChat's rules. */
  public static SimConfig forTests() {
    return new SimConfig(
        "127.0.0.1",
        0,
        2,
        SimRules.wechat(),
        List.of(new AppSetup(AppConfig.simple(DEFAULT_APPID, DEFAULT_SECRET), 100, 4)),
        "",
        42);
  }

  public SimConfig withRules(SimRules newRules) {
    return new SimConfig(host, port, ioThreads, newRules, apps, faults, seed);
  }

  public SimConfig withApps(List<AppSetup> newApps) {
    return new SimConfig(host, port, ioThreads, rules, newApps, faults, seed);
  }

  public static SimConfig fromEnv(Env env) {
    SimRules rules = rules(env);
    Mode mode = Mode.valueOf(env.string("SIM_MODE", "plain").toUpperCase(Locale.ROOT));
    AccountType type =
        AccountType.valueOf(env.string("SIM_ACCOUNT_TYPE", "service").toUpperCase(Locale.ROOT));
    Set<String> whitelist =
        Arrays.stream(env.string("SIM_IP_WHITELIST", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    List<AppSetup> apps = new ArrayList<>();
    for (String pair : env.string("SIM_APPS", DEFAULT_APPID + ":" + DEFAULT_SECRET).split(",")) {
      String[] parts = pair.trim().split(":", 2);
      if (parts.length != 2 || !Ids.isAppid(parts[0])) {
        throw new io.wxrelay.kit.config.ConfigException(
            "SIM_APPS", "expects appid:secret[,appid:secret...]");
      }
      AppConfig app =
          AppConfig.simple(parts[0], parts[1])
              .withType(type)
              .withIpWhitelist(whitelist)
              .withCallback(
                  env.optional("SIM_CALLBACK_URL")
                      .map(u -> u.replace("{appid}", parts[0]))
                      .orElse(null),
                  env.string("SIM_CALLBACK_TOKEN", "wxrelay"),
                  mode,
                  env.string("SIM_ENCODING_AES_KEY", SAMPLE_AES_KEY));
      List<String> seeded =
          Arrays.stream(env.string("SIM_OPENIDS", "").split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList();
      apps.add(
          new AppSetup(
              app,
              env.integer("SIM_FOLLOWERS", 1000, 0, 10_000_000),
              env.integer("SIM_TAGS", 10, 0, 1000),
              seeded));
    }
    return new SimConfig(
        env.string("SIM_HOST", "127.0.0.1"),
        env.port("SIM_PORT", 8089),
        env.integer("SIM_IO_THREADS", 2, 1, 64),
        rules,
        apps,
        env.string("SIM_FAULTS", ""),
        env.integer("SIM_SEED", 42, 0, Integer.MAX_VALUE));
  }

  private static SimRules rules(Env env) {
    SimRules w = SimRules.wechat();
    return new SimRules(
        env.duration("SIM_TOKEN_TTL", w.tokenTtl()),
        env.duration("SIM_TOKEN_GRACE", w.tokenGrace()),
        env.duration("SIM_STABLE_RENEW_BEFORE", w.stableRenewBefore()),
        env.integer("SIM_TOKEN_DAILY_QUOTA", w.tokenDailyQuota(), 0, Integer.MAX_VALUE),
        env.integer(
            "SIM_STABLE_FORCE_DAILY_LIMIT", w.stableForceDailyLimit(), 0, Integer.MAX_VALUE),
        env.duration("SIM_STABLE_FORCE_MIN_INTERVAL", w.stableForceMinInterval()),
        env.integer("SIM_MASS_PER_MINUTE", w.massPerMinute(), 0, Integer.MAX_VALUE),
        env.duration("SIM_MASS_FINISH_DELAY", w.massFinishDelay()),
        env.integer(
            "SIM_SERVICE_MONTHLY_BROADCASTS", w.serviceMonthlyBroadcasts(), 0, Integer.MAX_VALUE),
        env.duration("SIM_MESSAGE_WINDOW", w.messageWindow()),
        env.integer("SIM_MESSAGE_WINDOW_QUOTA", w.messageWindowQuota(), 0, Integer.MAX_VALUE),
        env.duration("SIM_EVENT_WINDOW", w.eventWindow()),
        env.integer("SIM_EVENT_WINDOW_QUOTA", w.eventWindowQuota(), 0, Integer.MAX_VALUE),
        w.clientmsgidMemory(),
        w.clientmsgidRetryGap(),
        env.duration("SIM_PUSH_TIMEOUT", w.pushTimeout()),
        env.integer("SIM_PUSH_RETRIES", w.pushRetries(), 0, 10));
  }
}
