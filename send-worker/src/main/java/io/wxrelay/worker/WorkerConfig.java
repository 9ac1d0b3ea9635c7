package io.wxrelay.worker;

import io.wxrelay.kit.accounts.AccountsFile;
import io.wxrelay.kit.config.AdminSettings;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.schemas.Topic;
import io.wxrelay.worker.ratelimit.RateLimiter;
import io.wxrelay.worker.ratelimit.RateLimits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything send-worker is started with, read from the environment in one place. Every variable is
 * listed with its default in the send-worker section of docs/reference.md.
 *
 * @param workerId names this process in logs and claims (default host-pid)
 * @param events also consume wechat.events: QR-code replies and MASSSENDJOBFINISH matching
 * @param eventsStart where a new events group starts: {@code latest}, so that a first deployment
 *     does not answer a week of old scans; {@code earliest} in tests
 * @param maxInFlight commands handled at once by this process, all partitions together
 * @param maxInFlightPerPartition commands of one partition handled at once
 * @param drainTimeout how long revocation and shutdown wait for running commands
 * @param maxAttempts attempts before a command is dead (retries exhausted)
 * @param parkAfter retry waits longer than this are parked on wechat.commands.retry
 * @param claimLease how long one worker holds a command; must exceed a call's timeouts
 * @param rateSendTolerance spacings a call that woke up late may catch up on at send time: 0 keeps
 *     every second at or below the limit, at the cost of rate after stalls (decision 0011)
 * @param throttleWindow after 45011 the API pauses until the next multiple of this (WeChat: 1m)
 * @param clientmsgidRetryGap the wait after 45066 (WeChat: 1m)
 * @param maxConcurrentCalls WeChat calls in flight at once from this process (and connections)
 */
public record WorkerConfig(
    String workerId,
    String groupId,
    String eventsGroupId,
    boolean events,
    String eventsStart,
    boolean createTopics,
    Map<Topic, String> topics,
    int maxInFlight,
    int maxInFlightPerPartition,
    Duration commitInterval,
    Duration drainTimeout,
    Duration errorBackoff,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration parkAfter,
    Duration orderHold,
    Duration claimLease,
    Duration resultTtl,
    Duration linkTtl,
    Duration permanentQrReplyTtl,
    RateLimits rateLimits,
    int rateSendTolerance,
    Duration throttleWindow,
    Duration clientmsgidRetryGap,
    String redisPrefix,
    String tokenRedisPrefix,
    Duration tokenWaitBound,
    String source,
    Duration publishTimeout,
    URI wechatApiBase,
    String qrImageBase,
    Duration connectTimeout,
    Duration callTimeout,
    int maxConcurrentCalls,
    KafkaSettings kafka,
    RedisSettings redis,
    AdminSettings admin) {

  /** Many commands wait on Redis at once: a larger pool than the kit's default of 32. */
  public static final int DEFAULT_REDIS_POOL = 128;

  public static final String DEFAULT_GROUP = "wxrelay-send-worker";
  public static final String DEFAULT_EVENTS_GROUP = "wxrelay-send-worker-events";
  public static final String DEFAULT_REDIS_PREFIX = "wxrelay:worker:";
  public static final String DEFAULT_TOKEN_PREFIX = "wxrelay:token:";
  public static final String DEFAULT_API_BASE = "https://api.weixin.qq.com";
  public static final String DEFAULT_QR_IMAGE_BASE = "https://mp.weixin.qq.com/cgi-bin/showqrcode";

  public WorkerConfig {
    topics = Map.copyOf(topics);
    if (claimLease.compareTo(callTimeout.plus(connectTimeout).multipliedBy(2)) < 0) {
      throw new ConfigException(
          "WORKER_CLAIM_LEASE",
          "must be at least twice WECHAT_CALL_TIMEOUT + WECHAT_CONNECT_TIMEOUT, or a slow call"
              + " would lose its claim");
    }
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new ConfigException("WORKER_BACKOFF_MAX", "must not be below WORKER_BACKOFF_BASE");
    }
    if (orderHold.compareTo(resultTtl) > 0) {
      throw new ConfigException(
          "WORKER_ORDER_HOLD", "must not exceed WORKER_RESULT_TTL, which keeps a key's order");
    }
    if (maxInFlightPerPartition > maxInFlight) {
      throw new ConfigException(
          "WORKER_MAX_IN_FLIGHT_PER_PARTITION", "must not exceed WORKER_MAX_IN_FLIGHT");
    }
  }

  public static WorkerConfig fromEnv(Env env) {
    Map<String, String> v = env.values();
    return new WorkerConfig(
        env.string("WORKER_ID", defaultWorkerId()),
        env.string("WORKER_GROUP_ID", DEFAULT_GROUP),
        env.string("WORKER_EVENTS_GROUP_ID", DEFAULT_EVENTS_GROUP),
        env.bool("WORKER_EVENTS", true),
        eventsStart(env),
        env.bool("WORKER_CREATE_TOPICS", true),
        Map.of(
            Topic.COMMANDS, Topic.COMMANDS.nameIn(v),
            Topic.COMMANDS_RETRY, Topic.COMMANDS_RETRY.nameIn(v),
            Topic.COMMANDS_DLQ, Topic.COMMANDS_DLQ.nameIn(v),
            Topic.RESULTS, Topic.RESULTS.nameIn(v),
            Topic.EVENTS, Topic.EVENTS.nameIn(v)),
        env.integer("WORKER_MAX_IN_FLIGHT", 1000, 1, 100_000),
        env.integer("WORKER_MAX_IN_FLIGHT_PER_PARTITION", 250, 1, 100_000),
        env.duration("WORKER_COMMIT_INTERVAL", Duration.ofMillis(200)),
        env.duration("WORKER_DRAIN_TIMEOUT", Duration.ofSeconds(10)),
        env.duration("WORKER_ERROR_BACKOFF", Duration.ofSeconds(1)),
        env.integer("WORKER_MAX_ATTEMPTS", 8, 1, 100),
        env.duration("WORKER_BACKOFF_BASE", Duration.ofMillis(200)),
        env.duration("WORKER_BACKOFF_MAX", Duration.ofMinutes(5)),
        env.duration("WORKER_PARK_AFTER", Duration.ofSeconds(5)),
        env.duration("WORKER_ORDER_HOLD", Duration.ofMinutes(15)),
        env.duration("WORKER_CLAIM_LEASE", Duration.ofSeconds(30)),
        env.duration("WORKER_RESULT_TTL", Duration.ofDays(7)),
        env.duration("WORKER_LINK_TTL", Duration.ofDays(7)),
        env.duration("WORKER_QR_REPLY_TTL", Duration.ofDays(365)),
        rateLimits(env),
        env.integer("WORKER_RATE_SEND_TOLERANCE", RateLimiter.DEFAULT_SEND_TOLERANCE, 0, 100),
        env.duration("WORKER_THROTTLE_WINDOW", Duration.ofMinutes(1)),
        env.duration("WORKER_CLIENTMSGID_RETRY_GAP", Duration.ofMinutes(1)),
        env.string("WORKER_REDIS_PREFIX", DEFAULT_REDIS_PREFIX),
        env.string("TOKEN_REDIS_PREFIX", DEFAULT_TOKEN_PREFIX),
        env.duration("TOKEN_WAIT_BOUND", Duration.ofSeconds(5)),
        env.string("WORKER_SOURCE", "/wxrelay/send-worker"),
        env.duration("WORKER_PUBLISH_TIMEOUT", Duration.ofSeconds(10)),
        env.uri("WECHAT_API_BASE", DEFAULT_API_BASE, "http", "https"),
        env.string("WECHAT_QR_IMAGE_BASE", DEFAULT_QR_IMAGE_BASE),
        env.duration("WECHAT_CONNECT_TIMEOUT", Duration.ofSeconds(2)),
        env.duration("WECHAT_CALL_TIMEOUT", Duration.ofSeconds(10)),
        env.integer("WECHAT_MAX_CONCURRENT_CALLS", 256, 1, 10_000),
        KafkaSettings.fromEnv(env),
        RedisSettings.fromEnv(env, DEFAULT_REDIS_POOL),
        AdminSettings.fromEnv(env, 9103));
  }

  private static String eventsStart(Env env) {
    String start = env.string("WORKER_EVENTS_START", "latest");
    if (!start.equals("latest") && !start.equals("earliest")) {
      throw new ConfigException(
          "WORKER_EVENTS_START", "is latest or earliest, not '" + start + "'");
    }
    return start;
  }

  public String topic(Topic topic) {
    return topics.get(topic);
  }

  private static String defaultWorkerId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "worker");
    return host + "-" + ProcessHandle.current().pid();
  }

  @Override
  public String toString() {
    return "WorkerConfig[id="
        + workerId
        + ", group="
        + groupId
        + ", commands="
        + topic(Topic.COMMANDS)
        + ", api="
        + wechatApiBase.getHost()
        + ", limits="
        + rateLimits
        + ", inFlight="
        + maxInFlight
        + "/"
        + maxInFlightPerPartition
        + "]";
  }

  /**
   * {@code WORKER_RATE_LIMITS} when set (an override), else WeChat's mass limit for every account
   * and each account's own limits from the accounts file.
   */
  static RateLimits rateLimits(Env env) {
    Optional<String> spec = env.optional("WORKER_RATE_LIMITS");
    if (spec.isPresent()) {
      return RateLimits.parse("WORKER_RATE_LIMITS", spec.get());
    }
    List<String> entries = new ArrayList<>(List.of(RateLimits.DEFAULT_SPEC));
    AccountsFile.fromEnv(env)
        .ifPresent(
            accounts ->
                accounts.forEach(
                    a ->
                        a.rateLimits()
                            .forEach(
                                (bucket, limit) ->
                                    entries.add(a.appid() + ":" + bucket + "=" + limit))));
    return RateLimits.parse(AccountsFile.VARIABLE + " (rateLimits)", String.join(",", entries));
  }
}
