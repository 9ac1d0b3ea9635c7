package io.wxrelay.worker;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wxrelay.kit.admin.AdminServer;
import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.kafka.KafkaClients;
import io.wxrelay.kit.lifecycle.Lifecycle;
import io.wxrelay.kit.metrics.Metrics;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.worker.consume.ConsumerEngine;
import io.wxrelay.worker.dispatch.CommandProcessor;
import io.wxrelay.worker.events.EventReactor;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.ratelimit.Throttle;
import io.wxrelay.worker.store.RedisStores;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.wechat.Classifier;
import io.wxrelay.worker.wechat.CommandCalls;
import io.wxrelay.worker.wechat.WeChatApi;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** One send-worker process, built and started; {@link #close} stops it in reverse order. */
public final class SendWorker implements AutoCloseable {
  private final Lifecycle lifecycle;
  private final AdminServer admin;

  private SendWorker(Lifecycle lifecycle, AdminServer admin) {
    this.lifecycle = lifecycle;
    this.admin = admin;
  }

  public static SendWorker start(WorkerConfig config, Clock clock) {
    Lifecycle lifecycle = new Lifecycle("send-worker");
    try {
      PrometheusMeterRegistry registry = Metrics.newRegistry("send-worker");
      AdminServer admin = lifecycle.register("admin", AdminServer.start(config.admin(), registry));
      KafkaClients kafka = new KafkaClients(config.kafka(), registry);
      if (config.createTopics()) {
        kafka.ensureTopics(config.workerId() + "-topics", config.topics());
      }
      WorkerMeters.Recorder meters = new WorkerMeters.Recorder(registry);
      ContractCodec codec = ContractCodec.create();
      // Results go out one small record at a time (each waits for its ack): LZ4 would compress
      // nearly nothing and cost a 64 KiB buffer per batch. KAFKA_CLIENT_COMPRESSION_TYPE wins.
      var producer =
          lifecycle.register(
              "kafka producer",
              kafka.producer(config.workerId(), Map.of("compression.type", "none")));
      RedisStores redis =
          lifecycle.register(
              "redis",
              RedisStores.connect(
                  config.redis(),
                  config.redisPrefix(),
                  config.resultTtl(),
                  config.backoffMax().multipliedBy(config.maxAttempts()).plus(config.claimLease()),
                  config.orderHold(),
                  config.rateSendTolerance()));
      admin.addReadinessCheck(
          "redis", () -> redis.reachable() ? Health.ok() : Health.down("Redis does not answer"));
      TokenClient tokens =
          lifecycle.register(
              "token client",
              TokenClient.connect(
                  config.redis(), config.tokenRedisPrefix(), config.tokenWaitBound()));
      WeChatApi api =
          lifecycle.register(
              "wechat api",
              new WeChatApi(
                  config.wechatApiBase(),
                  config.connectTimeout(),
                  config.callTimeout(),
                  config.maxConcurrentCalls(),
                  codec.mapper(),
                  new Classifier(config.clientmsgidRetryGap())));
      OutcomePublisher publisher =
          new OutcomePublisher(
              producer,
              codec,
              new OutcomePublisher.Topics(
                  config.topic(Topic.RESULTS),
                  config.topic(Topic.COMMANDS_RETRY),
                  config.topic(Topic.COMMANDS_DLQ)),
              config.source(),
              config.publishTimeout(),
              clock);
      CommandProcessor processor =
          new CommandProcessor(
              codec,
              new CommandCalls(codec.mapper(), CommandCalls.MAX_OPENIDS_PER_CALL),
              api,
              tokens,
              new Throttle(
                  redis.rateLimiter(),
                  config.rateLimits(),
                  config.throttleWindow(),
                  Sleeper.SYSTEM),
              redis.ledger(),
              publisher,
              redis.correlations(),
              meters,
              new CommandProcessor.Settings(
                  config.maxAttempts(),
                  config.backoffBase(),
                  config.backoffMax(),
                  config.parkAfter(),
                  config.claimLease(),
                  config.linkTtl(),
                  config.permanentQrReplyTtl(),
                  config.qrImageBase()),
              clock,
              Sleeper.SYSTEM);
      ConsumerEngine.Settings engine =
          new ConsumerEngine.Settings(
              config.maxInFlight(),
              config.maxInFlightPerPartition(),
              config.commitInterval(),
              config.drainTimeout(),
              config.errorBackoff());
      if (config.events()) {
        EventReactor reactor =
            new EventReactor(
                codec,
                redis.correlations(),
                processor,
                publisher,
                meters,
                config.source(),
                clock,
                Sleeper.SYSTEM);
        ConsumerEngine events =
            lifecycle.register(
                "events consumer",
                ConsumerEngine.start(
                    "events",
                    kafka.consumer(
                        config.eventsGroupId(),
                        config.workerId() + "-events",
                        config.eventsStart()),
                    List.of(config.topic(Topic.EVENTS)),
                    reactor,
                    engine,
                    () -> meters.handlerFailure("events")));
        meters.inFlight("events", events::inFlight);
      }
      ConsumerEngine commands =
          lifecycle.register(
              "commands consumer",
              ConsumerEngine.start(
                  "commands",
                  kafka.consumer(config.groupId(), config.workerId()),
                  List.of(config.topic(Topic.COMMANDS), config.topic(Topic.COMMANDS_RETRY)),
                  processor,
                  engine,
                  () -> meters.handlerFailure("commands")));
      meters.inFlight("commands", commands::inFlight);
      admin.addReadinessCheck(
          "consumer",
          () -> commands.isRunning() ? Health.ok() : Health.down("the commands consumer stopped"));
      return new SendWorker(lifecycle, admin);
    } catch (RuntimeException e) {
      lifecycle.close();
      throw e;
    }
  }

  public int adminPort() {
    return admin.port();
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
