package io.wxrelay.sim;

import java.time.Duration;

/**
 * WeChat's rules as numbers, so tests can shrink time (watch token cycles in seconds) and quotas.
 * {@link #wechat()} gives WeChat's documented values (../shared/WECHAT-API.md).
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
    return new SimRules(
        ttl,
        grace,
        renewBefore,
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

  public SimRules withTokenDailyQuota(int quota) {
    return new SimRules(
        tokenTtl,
        tokenGrace,
        stableRenewBefore,
        quota,
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

  public SimRules withPushTimeout(Duration timeout) {
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
        timeout,
        pushRetries);
  }

  public SimRules withMassPerMinute(int perMinute) {
    return new SimRules(
        tokenTtl,
        tokenGrace,
        stableRenewBefore,
        tokenDailyQuota,
        stableForceDailyLimit,
        stableForceMinInterval,
        perMinute,
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

  public SimRules withClientmsgidRetryGap(Duration gap) {
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
        gap,
        pushTimeout,
        pushRetries);
  }

  public SimRules withMessageWindowQuota(int quota) {
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
        quota,
        eventWindow,
        eventWindowQuota,
        clientmsgidMemory,
        clientmsgidRetryGap,
        pushTimeout,
        pushRetries);
  }
}
