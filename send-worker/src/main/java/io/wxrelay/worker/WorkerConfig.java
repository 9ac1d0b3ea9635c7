package io.wxrelay.worker;

import io.wxrelay.kit.accounts.AccountsFile;
import io.wxrelay.kit.config.AdminSettings;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.tracing.TracingSettings;
import io.wxrelay.schemas.Topic;
import io.wxrelay.worker.consume.ConsumerEngine;
import io.wxrelay.worker.dispatch.Links;
import io.wxrelay.worker.dispatch.RetryPolicy;
import io.wxrelay.worker.failures.RedisTrouble;
import io.wxrelay.worker.lag.LagSettings;
import io.wxrelay.worker.lag.WatchedGroup;
import io.wxrelay.worker.library.MaterialCaps;
import io.wxrelay.worker.media.MediaFetcher;
import io.wxrelay.worker.ratelimit.RateLimiter;
import io.wxrelay.worker.ratelimit.RateLimits;
import io.wxrelay.worker.replies.ReplyRules;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything send-worker is started with, read from the environment in one place, one settings
 * record per part of the worker (each with its own {@code fromEnv} and named defaults). Every
 * variable is listed with its default in the send-worker section of docs/reference.md.
 *
 * @param workerId names this process in logs and claims (default host-pid)
 * @param tracing where its spans go ({@code OTEL_*}; none by default)
 */
public record WorkerConfig(
    String workerId,
    Consuming consuming,
    ConsumerEngine.Settings engine,
    RetryPolicy.Settings retry,
    Ledger ledger,
    Links.Settings links,
    Limits limits,
    Api api,
    TokenSource tokens,
    Publishing publishing,
    ReplyRules.Settings replies,
    MediaFetcher.Settings media,
    MaterialCaps library,
    KafkaSettings kafka,
    RedisSettings redis,
    RedisTrouble.Settings redisTrouble,
    AdminSettings admin,
    LagSettings lag,
    TracingSettings tracing) {

  /** Many commands wait on Redis at once: a larger pool than the kit's default of 32. */
  public static final int DEFAULT_REDIS_POOL = 128;

  public static final int DEFAULT_ADMIN_PORT = 9103;

  /**
   * The default drain bound is the longest call plus this: time to store its result and have it
   * acknowledged (a few milliseconds on a healthy day; seconds while Kafka elects a leader).
   */
  public static final Duration DRAIN_ROOM = Duration.ofSeconds(8);

  /** The least room a drain bound must leave after the longest call. */
  public static final Duration MIN_DRAIN_ROOM = Duration.ofSeconds(2);

  /** Where a new commands group starts: every command already written is carried out. */
  public static final String COMMANDS_START = "earliest";

  public WorkerConfig {
    if (ledger.claimLease().compareTo(api.longestCall().multipliedBy(2)) < 0) {
      throw new ConfigException(
          "WORKER_CLAIM_LEASE",
          "must be at least twice WECHAT_CALL_TIMEOUT + WECHAT_CONNECT_TIMEOUT, or a slow call"
              + " would lose its claim");
    }
    if (engine.drainTimeout().compareTo(api.longestCall().plus(MIN_DRAIN_ROOM)) < 0) {
      throw new ConfigException(
          "WORKER_DRAIN_TIMEOUT",
          "must be at least WECHAT_CONNECT_TIMEOUT + WECHAT_CALL_TIMEOUT + "
              + MIN_DRAIN_ROOM.toSeconds()
              + " s ("
              + api.longestCall().plus(MIN_DRAIN_ROOM).toSeconds()
              + " s), or stopping would cut a call in flight and leave its command UNKNOWN");
    }
    if (retry.backoffMax().compareTo(retry.backoffBase()) < 0) {
      throw new ConfigException("WORKER_BACKOFF_MAX", "must not be below WORKER_BACKOFF_BASE");
    }
    if (engine.maxInFlightPerPartition() > engine.maxInFlight()) {
      throw new ConfigException(
          "WORKER_MAX_IN_FLIGHT_PER_PARTITION", "must not exceed WORKER_MAX_IN_FLIGHT");
    }
  }

  public static WorkerConfig fromEnv(Env env) {
    Api api = Api.fromEnv(env);
    return new WorkerConfig(
        env.string("WORKER_ID", defaultWorkerId()),
        Consuming.fromEnv(env),
        ConsumerEngine.Settings.fromEnv(env, api.longestCall().plus(DRAIN_ROOM)),
        RetryPolicy.Settings.fromEnv(env),
        Ledger.fromEnv(env),
        Links.Settings.fromEnv(env),
        Limits.fromEnv(env),
        api,
        TokenSource.fromEnv(env),
        Publishing.fromEnv(env),
        ReplyRules.Settings.fromEnv(env),
        MediaFetcher.Settings.fromEnv(env),
        MaterialCaps.fromEnv(env),
        KafkaSettings.fromEnv(env),
        RedisSettings.fromEnv(env, DEFAULT_REDIS_POOL),
        RedisTrouble.Settings.fromEnv(env),
        AdminSettings.fromEnv(env, DEFAULT_ADMIN_PORT),
        LagSettings.fromEnv(env),
        TracingSettings.fromEnv(env, "send-worker"));
  }

  /**
   * What the worker reads, and as whom.
   *
   * @param events also consume wechat.events: QR-code replies and MASSSENDJOBFINISH matching
   * @param eventsStart where a new events group starts: {@code latest}, so that a first deployment
   *     does not answer a week of old scans; {@code earliest} in tests
   * @param instanceId {@code WORKER_INSTANCE_ID}: when set, the worker is a static member of its
   *     groups ({@code group.instance.id} = this id and the consumer's name), so a restart under
   *     the same id within the session timeout moves no partition. It must be unique per running
   *     worker and stable across its restarts (a StatefulSet pod's name); unset, membership is
   *     dynamic
   */
  public record Consuming(
      String groupId,
      String eventsGroupId,
      boolean events,
      String eventsStart,
      boolean createTopics,
      Map<Topic, String> topics,
      Optional<String> instanceId) {
    public static final String DEFAULT_GROUP = "wxrelay-send-worker";
    public static final String DEFAULT_EVENTS_GROUP = "wxrelay-send-worker-events";

    public Consuming {
      topics = Map.copyOf(topics);
      if (!eventsStart.equals("latest") && !eventsStart.equals("earliest")) {
        throw new ConfigException(
            "WORKER_EVENTS_START", "is latest or earliest, not '" + eventsStart + "'");
      }
    }

    public static Consuming fromEnv(Env env) {
      return new Consuming(
          env.string("WORKER_GROUP_ID", DEFAULT_GROUP),
          env.string("WORKER_EVENTS_GROUP_ID", DEFAULT_EVENTS_GROUP),
          env.bool("WORKER_EVENTS", true),
          env.string("WORKER_EVENTS_START", "latest"),
          env.bool("WORKER_CREATE_TOPICS", true),
          Map.of(
              Topic.COMMANDS, env.topicName(Topic.COMMANDS),
              Topic.COMMANDS_RETRY, env.topicName(Topic.COMMANDS_RETRY),
              Topic.COMMANDS_DLQ, env.topicName(Topic.COMMANDS_DLQ),
              Topic.RESULTS, env.topicName(Topic.RESULTS),
              Topic.EVENTS, env.topicName(Topic.EVENTS)),
          env.optional("WORKER_INSTANCE_ID"));
    }

    /** The static member id of the consumer {@code name} ("commands", "events"), if static. */
    public Optional<String> instanceIdOf(String name) {
      return instanceId.map(id -> id + "-" + name);
    }

    public String topic(Topic topic) {
      return topics.get(topic);
    }
  }

  /**
   * The command ledger in Redis.
   *
   * @param claimLease how long one worker holds a command; must exceed a call's timeouts
   * @param resultTtl how long a done command's result is kept (replays within it get the result)
   * @param deadResultTtl how long a DEAD command's result is kept: as long as the DLQ keeps its
   *     letter, so that {@code wxrelay dlq replay} knows what became of it (decision 0025)
   * @param orderHold how long a parked command may hold its key's later commands without progress
   */
  public record Ledger(
      String redisPrefix,
      Duration claimLease,
      Duration resultTtl,
      Duration deadResultTtl,
      Duration orderHold) {
    public static final String DEFAULT_REDIS_PREFIX = "wxrelay:worker:";

    /** What {@code WORKER_DEAD_RESULT_TTL} is by default: the DLQ's retention. */
    public static final Duration DEFAULT_DEAD_RESULT_TTL = Topic.COMMANDS_DLQ.retention();

    public Ledger {
      if (orderHold.compareTo(resultTtl) > 0) {
        throw new ConfigException(
            "WORKER_ORDER_HOLD", "must not exceed WORKER_RESULT_TTL, which keeps a key's order");
      }
      if (deadResultTtl.compareTo(resultTtl) < 0) {
        throw new ConfigException(
            "WORKER_DEAD_RESULT_TTL", "must not be shorter than WORKER_RESULT_TTL");
      }
    }

    public static Ledger fromEnv(Env env) {
      return new Ledger(
          env.string("WORKER_REDIS_PREFIX", DEFAULT_REDIS_PREFIX),
          env.duration("WORKER_CLAIM_LEASE", Duration.ofSeconds(30)),
          env.duration("WORKER_RESULT_TTL", Duration.ofDays(7)),
          env.duration("WORKER_DEAD_RESULT_TTL", DEFAULT_DEAD_RESULT_TTL),
          env.duration("WORKER_ORDER_HOLD", Duration.ofMinutes(15)));
    }
  }

  /**
   * Rate limits, shared by every worker.
   *
   * @param sendTolerance spacings a call that woke up late may catch up on at send time: 0 keeps
   *     every second at or below the limit, at the cost of rate after stalls (decision 0011)
   * @param throttleWindow after 45011 the API pauses until the next multiple of this (WeChat: 1m)
   */
  public record Limits(RateLimits rateLimits, int sendTolerance, Duration throttleWindow) {
    public static Limits fromEnv(Env env) {
      return new Limits(
          WorkerConfig.rateLimits(env),
          env.integer("WORKER_RATE_SEND_TOLERANCE", RateLimiter.DEFAULT_SEND_TOLERANCE, 0, 100),
          env.duration("WORKER_THROTTLE_WINDOW", Duration.ofMinutes(1)));
    }
  }

  /**
   * WeChat's API as this worker calls it.
   *
   * @param qrImageBase where a created QR code's image is shown
   * @param maxConcurrentCalls calls in flight at once from this process (and connections)
   * @param clientmsgidRetryGap the wait after 45066 (WeChat: 1m)
   */
  public record Api(
      URI apiBase,
      String qrImageBase,
      Duration connectTimeout,
      Duration callTimeout,
      int maxConcurrentCalls,
      Duration clientmsgidRetryGap) {
    public static final String DEFAULT_API_BASE = "https://api.weixin.qq.com";
    public static final String DEFAULT_QR_IMAGE_BASE =
        "https://mp.weixin.qq.com/cgi-bin/showqrcode";

    public static Api fromEnv(Env env) {
      return new Api(
          env.uri("WECHAT_API_BASE", DEFAULT_API_BASE, "http", "https"),
          env.string("WECHAT_QR_IMAGE_BASE", DEFAULT_QR_IMAGE_BASE),
          env.duration("WECHAT_CONNECT_TIMEOUT", Duration.ofSeconds(2)),
          env.duration("WECHAT_CALL_TIMEOUT", Duration.ofSeconds(10)),
          env.integer("WECHAT_MAX_CONCURRENT_CALLS", 256, 1, 10_000),
          env.duration("WORKER_CLIENTMSGID_RETRY_GAP", Duration.ofMinutes(1)));
    }

    /** The longest one call can take: connecting, then the call's own timeout. */
    public Duration longestCall() {
      return callTimeout.plus(connectTimeout);
    }
  }

  /**
   * Where the worker reads the tokens token-service keeps.
   *
   * @param waitBound how long a call waits for a new token after WeChat refused the old one
   */
  public record TokenSource(String redisPrefix, Duration waitBound) {
    public static final String DEFAULT_REDIS_PREFIX = "wxrelay:token:";

    public static TokenSource fromEnv(Env env) {
      return new TokenSource(
          env.string("TOKEN_REDIS_PREFIX", DEFAULT_REDIS_PREFIX),
          env.duration("TOKEN_WAIT_BOUND", Duration.ofSeconds(5)));
    }
  }

  /**
   * How results, dead letters and retries are written.
   *
   * @param source the CloudEvents {@code source} of what the worker writes
   * @param ackTimeout how long a write waits for Kafka's acknowledgement
   */
  public record Publishing(String source, Duration ackTimeout) {
    public static Publishing fromEnv(Env env) {
      return new Publishing(
          env.string("WORKER_SOURCE", "/wxrelay/send-worker"),
          env.duration("WORKER_PUBLISH_TIMEOUT", Duration.ofSeconds(10)));
    }
  }

  public String topic(Topic topic) {
    return consuming.topic(topic);
  }

  /**
   * The groups this worker consumes with, on their topics, as {@link SendWorker} starts them: the
   * commands group from {@code earliest}, and the events group (when on) from {@code
   * WORKER_EVENTS_START}. Their lag is exported.
   */
  public List<WatchedGroup> lagGroups() {
    List<WatchedGroup> groups = new ArrayList<>();
    groups.add(
        WatchedGroup.of(
            consuming.groupId(),
            List.of(topic(Topic.COMMANDS), topic(Topic.COMMANDS_RETRY)),
            COMMANDS_START));
    if (consuming.events()) {
      groups.add(
          WatchedGroup.of(
              consuming.eventsGroupId(), List.of(topic(Topic.EVENTS)), consuming.eventsStart()));
    }
    return List.copyOf(groups);
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
        + consuming.groupId()
        + ", commands="
        + topic(Topic.COMMANDS)
        + ", api="
        + api.apiBase().getHost()
        + ", limits="
        + limits.rateLimits()
        + ", inFlight="
        + engine.maxInFlight()
        + "/"
        + engine.maxInFlightPerPartition()
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
    AccountsFile.fromEnv(env, Set.of())
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
