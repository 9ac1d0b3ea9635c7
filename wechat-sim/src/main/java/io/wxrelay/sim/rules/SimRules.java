package io.wxrelay.sim.rules;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * WeChat's rules as numbers, so tests can shrink time (watch token cycles in seconds) and quotas.
 * {@link #wechat()} gives WeChat's documented values (docs/wechat-api.md).
 */
public record SimRules(
    Duration tokenTtl,
    Duration tokenGrace,
    Duration stableRenewBefore,
    int tokenDailyQuota,
    int stableForceDailyLimit,
    Duration stableForceMinInterval,
    int massPerMinute,
    Duration massFinishDelay,
    int serviceMonthlyBroadcasts,
    Duration messageWindow,
    int messageWindowQuota,
    Duration eventWindow,
    int eventWindowQuota,
    Duration clientmsgidMemory,
    Duration clientmsgidRetryGap,
    Duration pushTimeout,
    int pushRetries) {

  /** WeChat's documented values. */
  public static SimRules wechat() {
    return new SimRules(
        Duration.ofSeconds(7200),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        2000,
        20,
        Duration.ofSeconds(30),
        60,
        Duration.ofMillis(500),
        4,
        Duration.ofHours(48),
        5,
        Duration.ofMinutes(1),
        3,
        Duration.ofHours(24),
        Duration.ofMinutes(1),
        Duration.ofSeconds(5),
        3);
  }

  public SimRules withTokenTimes(Duration ttl, Duration grace, Duration renewBefore) {
    return edit(
        e -> {
          e.tokenTtl = ttl;
          e.tokenGrace = grace;
          e.stableRenewBefore = renewBefore;
        });
  }

  public SimRules withTokenDailyQuota(int quota) {
    return edit(e -> e.tokenDailyQuota = quota);
  }

  public SimRules withPushTimeout(Duration timeout) {
    return edit(e -> e.pushTimeout = timeout);
  }

  public SimRules withMassPerMinute(int perMinute) {
    return edit(e -> e.massPerMinute = perMinute);
  }

  public SimRules withClientmsgidRetryGap(Duration gap) {
    return edit(e -> e.clientmsgidRetryGap = gap);
  }

  public SimRules withMessageWindowQuota(int quota) {
    return edit(e -> e.messageWindowQuota = quota);
  }

  /** These rules with the changes {@code change} makes to a copy of every value. */
  private SimRules edit(Consumer<Edit> change) {
    Edit e = new Edit(this);
    change.accept(e);
    return e.build();
  }

  /** A mutable copy of the rules, for the {@code with...} methods. */
  private static final class Edit {
    Duration tokenTtl;
    Duration tokenGrace;
    Duration stableRenewBefore;
    int tokenDailyQuota;
    int stableForceDailyLimit;
    Duration stableForceMinInterval;
    int massPerMinute;
    Duration massFinishDelay;
    int serviceMonthlyBroadcasts;
    Duration messageWindow;
    int messageWindowQuota;
    Duration eventWindow;
    int eventWindowQuota;
    Duration clientmsgidMemory;
    Duration clientmsgidRetryGap;
    Duration pushTimeout;
    int pushRetries;

    Edit(SimRules rules) {
      tokenTtl = rules.tokenTtl;
      tokenGrace = rules.tokenGrace;
      stableRenewBefore = rules.stableRenewBefore;
      tokenDailyQuota = rules.tokenDailyQuota;
      stableForceDailyLimit = rules.stableForceDailyLimit;
      stableForceMinInterval = rules.stableForceMinInterval;
      massPerMinute = rules.massPerMinute;
      massFinishDelay = rules.massFinishDelay;
      serviceMonthlyBroadcasts = rules.serviceMonthlyBroadcasts;
      messageWindow = rules.messageWindow;
      messageWindowQuota = rules.messageWindowQuota;
      eventWindow = rules.eventWindow;
      eventWindowQuota = rules.eventWindowQuota;
      clientmsgidMemory = rules.clientmsgidMemory;
      clientmsgidRetryGap = rules.clientmsgidRetryGap;
      pushTimeout = rules.pushTimeout;
      pushRetries = rules.pushRetries;
    }

    SimRules build() {
      return new SimRules(
          tokenTtl,
          tokenGrace,
          stableRenewBefore,
          tokenDailyQuota,
          stableForceDailyLimit,
          stableForceMinInterval,
          massPerMinute,
          massFinishDelay,
          serviceMonthlyBroadcasts,
          messageWindow,
          messageWindowQuota,
          eventWindow,
          eventWindowQuota,
          clientmsgidMemory,
          clientmsgidRetryGap,
          pushTimeout,
          pushRetries);
    }
  }
}
