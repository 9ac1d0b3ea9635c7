package io.wxrelay.worker;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wxrelay.kit.admin.AdminServer;
import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.kafka.KafkaClients;
import io.wxrelay.kit.kafka.KafkaReachability;
import io.wxrelay.kit.lifecycle.Lifecycle;
import io.wxrelay.kit.metrics.Metrics;
import io.wxrelay.kit.tracing.Tracing;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.worker.consume.CallWindow;
import io.wxrelay.worker.consume.ConsumerEngine;
import io.wxrelay.worker.consume.RecordHandler;
import io.wxrelay.worker.dispatch.CallExecutor;
import io.wxrelay.worker.dispatch.CommandEnd;
import io.wxrelay.worker.dispatch.CommandProcessor;
import io.wxrelay.worker.dispatch.CommandRun;
import io.wxrelay.worker.dispatch.LedgerWrites;
import io.wxrelay.worker.dispatch.Links;
import io.wxrelay.worker.dispatch.RetryPolicy;
import io.wxrelay.worker.events.EventReactor;
import io.wxrelay.worker.failures.RedisTrouble;
import io.wxrelay.worker.lag.LagPoller;
import io.wxrelay.worker.library.MaterialLibrary;
import io.wxrelay.worker.media.MediaFetcher;
import io.wxrelay.worker.media.MediaFiles;
import io.wxrelay.worker.menus.ClickKeyCheck;
import io.wxrelay.worker.menus.MenuWatch;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.ratelimit.Throttle;
import io.wxrelay.worker.replies.ReplyRules;
import io.wxrelay.worker.replies.RulesFile;
import io.wxrelay.worker.store.RedisStores;
import io.wxrelay.worker.time.MonotonicClock;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.tracing.TracedLedger;
import io.wxrelay.worker.tracing.TracedTokens;
import io.wxrelay.worker.tracing.TracedWeChat;
import io.wxrelay.worker.tracing.WorkerSpans;
import io.wxrelay.worker.wechat.Classifier;
import io.wxrelay.worker.wechat.WeChatApi;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One send-worker process, built and started in the order of the architecture picture: the shared
 * state (Redis, tokens), the way out to WeChat, what a command's run needs, then the consumers that
 * feed it. {@link #close} stops it in reverse order.
 */
public final class SendWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SendWorker.class);

  /**
   * Every wait of a command's run: it ends at once when the worker stops the record ({@link
   * CallWindow}), so stopping interrupts no Redis or Kafka write.
   */
  private static final Sleeper SLEEPER = CallWindow::pause;

  /** The first wait before a ledger write is tried again; doubled up to WORKER_ERROR_BACKOFF. */
  private static final Duration LEDGER_WRITE_BACKOFF = Duration.ofMillis(50);

  private final Lifecycle lifecycle;
  private final AdminServer admin;

  private SendWorker(Lifecycle lifecycle, AdminServer admin) {
    this.lifecycle = lifecycle;
    this.admin = admin;
  }

  public static SendWorker start(WorkerConfig config, Clock clock) {
    Lifecycle lifecycle = new Lifecycle("send-worker");
    try {
      return new Wiring(config, clock, lifecycle).start();
    } catch (RuntimeException e) {
      lifecycle.close();
      throw e;
    }
  }

  public int adminPort() {
    return admin.port();
  }

  /**
   * Stops: not ready at once, then the consumers drain together (no new record; the WeChat calls in
   * flight finish and their results are stored and published; what is done is committed), then the
   * rest in reverse order of start.
   */
  @Override
  public void close() {
    admin.markStopping();
    lifecycle.close();
  }

  /** The parts of one worker and how they connect; each registered with the lifecycle. */
  private static final class Wiring {
    private final WorkerConfig config;
    private final Clock clock;
    private final Lifecycle lifecycle;
    private final PrometheusMeterRegistry registry = Metrics.newRegistry("send-worker");
    private final WorkerMeters.Recorder meters = new WorkerMeters.Recorder(registry);
    private final ContractCodec codec = ContractCodec.create();
    private final KafkaClients kafka;
    private final List<ConsumerEngine> engines = new ArrayList<>();
    private final RedisTrouble failures;
    private AdminServer admin;
    private Tracing tracing = Tracing.off();
    private WorkerSpans spans = WorkerSpans.off();

    Wiring(WorkerConfig config, Clock clock, Lifecycle lifecycle) {
      this.config = config;
      this.clock = clock;
      this.lifecycle = lifecycle;
      this.kafka = new KafkaClients(config.kafka(), registry);
      this.failures = new RedisTrouble(InfrastructureFailures::test, config.redisTrouble(), meters);
    }

    SendWorker start() {
      // First registered, last closed: the spans of the records drained at shutdown still go out.
      tracing = lifecycle.register("tracing", Tracing.start(config.tracing()));
      spans = new WorkerSpans(tracing.tracer());
      admin = lifecycle.register("admin", AdminServer.start(config.admin(), registry));
      KafkaReachability brokers =
          lifecycle.register(
              "kafka reachability", KafkaReachability.of(kafka, config.workerId() + "-health"));
      admin.addReadinessCheck("kafka", brokers::health);
      if (config.consuming().createTopics()) {
        kafka.ensureTopics(config.workerId() + "-topics", config.consuming().topics());
      }
      lifecycle.register(
          "lag poller",
          LagPoller.of(
                  kafka,
                  config.workerId() + "-lag",
                  config.lagGroups(),
                  config.lag(),
                  registry,
                  clock)
              .start());
      RedisStores redis = redisStores();
      OutcomePublisher publisher = publisher();
      LedgerWrites writes =
          // Not SLEEPER: a stop must not end the retries that store an answer received; only the
          // drain bound's interrupt does.
          new LedgerWrites(
              failures, Sleeper.SYSTEM, LEDGER_WRITE_BACKOFF, config.engine().errorBackoff());
      CommandEnd end = new CommandEnd(redis.ledger(), writes, publisher, meters, spans);
      ReplyRules rules = replyRules();
      ClickKeyCheck clickKeys = new ClickKeyCheck(redis.menuKeys(), rules, meters);
      CommandProcessor processor =
          new CommandProcessor(
              codec,
              new CommandCalls(codec.mapper(), CommandCalls.MAX_OPENIDS_PER_CALL),
              commandRun(redis, writes, end, clickKeys),
              end,
              clock,
              SLEEPER,
              spans);
      // One part for both consumers: they drain at once, in one drain bound.
      lifecycle.register("consumers", () -> ConsumerEngine.closeTogether(List.copyOf(engines)));
      if (config.consuming().events()) {
        eventsConsumer(redis, rules, clickKeys, processor, publisher);
      }
      consumer(
          "commands",
          config.consuming().groupId(),
          config.workerId(),
          WorkerConfig.COMMANDS_START,
          List.of(config.topic(Topic.COMMANDS), config.topic(Topic.COMMANDS_RETRY)),
          processor);
      admin.markStarted();
      return new SendWorker(lifecycle, admin);
    }

    /** QR replies and broadcast finishes, from {@code wechat.events}. */
    private void eventsConsumer(
        RedisStores redis,
        ReplyRules rules,
        ClickKeyCheck clickKeys,
        CommandProcessor processor,
        OutcomePublisher publisher) {
      EventReactor reactor =
          new EventReactor(
              codec,
              redis.correlations(),
              rules,
              clickKeys,
              processor,
              publisher,
              meters,
              config.publishing().source(),
              clock,
              SLEEPER,
              spans);
      consumer(
          "events",
          config.consuming().eventsGroupId(),
          config.workerId() + "-events",
          config.consuming().eventsStart(),
          List.of(config.topic(Topic.EVENTS)),
          reactor);
    }

    /** Ledger, rate limiter and correlations, on one Redis pool. */
    private RedisStores redisStores() {
      WorkerConfig.Ledger ledger = config.ledger();
      RedisStores redis =
          lifecycle.register(
              "redis",
              RedisStores.connect(
                  config.redis(),
                  ledger.redisPrefix(),
                  ledger.resultTtl(),
                  ledger.deadResultTtl(),
                  config.retry().longestSchedule().plus(ledger.claimLease()),
                  ledger.orderHold(),
                  config.limits().sendTolerance()));
      admin.addReadinessCheck(
          "redis",
          () -> redis.reachable() ? failures.health() : Health.down("Redis does not answer"));
      if (redis.appendOnly().equals(Optional.of(false))) {
        log.warn(
            "Redis keeps no append-only file: a restart forgets which commands were carried out,"
                + " and a command that comes again is sent again (docs/operations.md, \"What Redis"
                + " must keep\")");
      }
      return redis;
    }

    /**
     * Results go out one small record at a time (each waits for its ack): LZ4 would compress nearly
     * nothing and cost a 64 KiB buffer per batch. KAFKA_CLIENT_COMPRESSION_TYPE wins.
     */
    private OutcomePublisher publisher() {
      var producer =
          lifecycle.register(
              "kafka producer",
              kafka.producer(config.workerId(), Map.of("compression.type", "none")));
      return new OutcomePublisher(
          producer,
          codec,
          new OutcomePublisher.Topics(
              config.topic(Topic.RESULTS),
              config.topic(Topic.COMMANDS_RETRY),
              config.topic(Topic.COMMANDS_DLQ)),
          config.publishing().source(),
          config.publishing().ackTimeout(),
          clock);
    }

    /** The reply rules of WORKER_REPLY_RULES; a worker does not start with a broken file. */
    private ReplyRules replyRules() {
      ReplyRules.Settings settings = config.replies();
      if (settings.file().isEmpty()) {
        return ReplyRules.NONE;
      }
      try {
        return ReplyRules.fromFile(
            settings.file().get(),
            new RulesFile(codec),
            settings.checkEvery(),
            clock,
            meters::rulesReloaded);
      } catch (IOException e) {
        throw new ConfigException("WORKER_REPLY_RULES", "cannot be read (" + e.getMessage() + ")");
      } catch (RulesFile.Refused e) {
        throw new ConfigException("WORKER_REPLY_RULES", "is refused: " + e.getMessage());
      }
    }

    /** A command's run: its calls (permit, token, WeChat), retries, claims and links. */
    private CommandRun commandRun(
        RedisStores redis, LedgerWrites writes, CommandEnd end, ClickKeyCheck clickKeys) {
      WorkerConfig.Api api = config.api();
      TokenClient tokens =
          lifecycle.register(
              "token client",
              TokenClient.connect(
                  config.redis(), config.tokens().redisPrefix(), config.tokens().waitBound()));
      WeChatApi wechat =
          lifecycle.register(
              "wechat api",
              new WeChatApi(
                  api.apiBase(),
                  api.connectTimeout(),
                  api.callTimeout(),
                  api.maxConcurrentCalls(),
                  codec.mapper(),
                  new Classifier(api.clientmsgidRetryGap())));
      Throttle throttle =
          new Throttle(
              redis.rateLimiter(),
              config.limits().rateLimits(),
              config.limits().throttleWindow(),
              // A call and its one retry with a newer token, each after a wait for its token
              // (CallExecutor): how long a limited call counts at most without an answer.
              api.longestCall().plus(config.tokens().waitBound()).multipliedBy(2),
              new MonotonicClock(),
              SLEEPER);
      return new CommandRun(
          new CallExecutor(
              new TracedWeChat(wechat, tracing.tracer(), api.apiBase()),
              new TracedTokens(tokens, tracing.tracer()),
              throttle,
              meters),
          new MediaFiles(new MediaFetcher(config.media())),
          new RetryPolicy(config.retry()),
          new TracedLedger(redis.ledger(), tracing.tracer()),
          writes,
          new Links(
              redis.correlations(),
              codec.mapper(),
              config.links(),
              new MenuWatch(redis.menuKeys(), clickKeys, codec.mapper())),
          end,
          new MaterialLibrary(config.library(), meters),
          new CommandRun.Settings(
              config.ledger().claimLease(),
              api.qrImageBase(),
              config.workerId() + "/" + UUID.randomUUID().toString().substring(0, 8)),
          clock,
          SLEEPER);
    }

    /**
     * A consumer engine feeding {@code handler}, with its in-flight gauge; a new group starts at
     * {@code start} ({@code earliest} or {@code latest}).
     */
    private ConsumerEngine consumer(
        String name,
        String groupId,
        String clientId,
        String start,
        List<String> topics,
        RecordHandler handler) {
      ConsumerEngine engine =
          ConsumerEngine.start(
              name,
              kafka.consumer(groupId, clientId, start, config.consuming().instanceIdOf(name)),
              topics,
              handler,
              failures,
              config.engine(),
              () -> meters.handlerFailure(name));
      engines.add(engine);
      meters.inFlight(name, engine::inFlight);
      admin.addReadinessCheck(name + " consumer", engine::readiness);
      admin.addLivenessCheck(name + " consumer", engine::liveness);
      return engine;
    }
  }
}
