package io.wxrelay.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wxrelay.gateway.callback.CallbackProcessor;
import io.wxrelay.gateway.callback.CallbackSettings;
import io.wxrelay.gateway.http.BenchEndpoints;
import io.wxrelay.gateway.http.GatewayServer;
import io.wxrelay.gateway.metrics.GatewayMeters;
import io.wxrelay.gateway.publish.EventPublisher;
import io.wxrelay.gateway.store.RedisDedupeStore;
import io.wxrelay.gateway.tracing.PushSpans;
import io.wxrelay.kit.admin.AdminServer;
import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.kafka.KafkaClients;
import io.wxrelay.kit.kafka.KafkaReachability;
import io.wxrelay.kit.lifecycle.Lifecycle;
import io.wxrelay.kit.metrics.Metrics;
import io.wxrelay.kit.tracing.Tracing;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One gateway replica, built and started; {@link #close} stops it in reverse order. */
public final class CallbackGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallbackGateway.class);

  private final Lifecycle lifecycle;
  private final GatewayServer server;
  private final AdminServer admin;
  private final Duration stopDelay;

  private CallbackGateway(
      Lifecycle lifecycle, GatewayServer server, AdminServer admin, Duration stopDelay) {
    this.lifecycle = lifecycle;
    this.server = server;
    this.admin = admin;
    this.stopDelay = stopDelay;
  }

  /**
   * Each push waits for its ack, so linger is latency: 1 ms of it, against a WeChat deadline of
   * seconds, lets records that come within it share a batch and a request, and the producer's
   * thread spent a sixth less CPU per push at a few thousand pushes a second (decision 0050).
   * Batches stay small: lz4 cost more CPU than it saved (decision 0009). WeChat has long given up
   * on a push the gateway answered 503 after its ack timeout: the client neither blocks nor keeps
   * delivering much longer than that; after a leader dies it retries every 250 ms (not up to 1 s),
   * so that a send finds the new leader within the ack timeout once the cluster elected it.
   * KAFKA_CLIENT_* still override these.
   */
  private static Map<String, String> producerSettings(GatewayConfig config) {
    String ackMs = Long.toString(config.ackTimeout().toMillis());
    return Map.of(
        "linger.ms",
        "1",
        "compression.type",
        "none",
        "max.block.ms",
        ackMs,
        "request.timeout.ms",
        ackMs,
        "delivery.timeout.ms",
        Long.toString(CallbackSettings.deliveryTimeout(config.ackTimeout()).toMillis()),
        "retry.backoff.max.ms",
        "250");
  }

  public static CallbackGateway start(GatewayConfig config, Clock clock) {
    Lifecycle lifecycle = new Lifecycle("callback-gateway");
    try {
      // First registered, last closed: the spans of the last pushes still go out.
      Tracing tracing = lifecycle.register("tracing", Tracing.start(config.tracing()));
      PrometheusMeterRegistry registry = Metrics.newRegistry("callback-gateway");
      AdminServer admin = lifecycle.register("admin", AdminServer.start(config.admin(), registry));
      KafkaClients kafka = new KafkaClients(config.kafka(), registry);
      if (config.createTopics()) {
        kafka.ensureTopics("callback-gateway-topics", Map.of(Topic.EVENTS, config.eventsTopic()));
      }
      // Closed after the producer: the acknowledgements of its last sends still mark their pushes.
      RedisDedupeStore dedupe =
          lifecycle.register(
              "redis", RedisDedupeStore.connect(config.redis(), config.dedupePrefix()));
      var producer =
          lifecycle.register(
              "kafka producer", kafka.producer("callback-gateway", producerSettings(config)));
      readiness(
          admin,
          lifecycle.register(
              "kafka reachability", KafkaReachability.of(kafka, "callback-gateway-health")),
          dedupe);
      GatewayMeters.Recorder meters = new GatewayMeters.Recorder(registry);
      EventPublisher publisher =
          new EventPublisher(producer, config.eventsTopic(), ContractCodec.create());
      CallbackProcessor processor =
          new CallbackProcessor(
              config.callback(),
              publisher,
              dedupe,
              meters,
              clock,
              new PushSpans(tracing.tracer(), config.eventsTopic()));
      GatewayServer server =
          lifecycle.register(
              "http",
              new GatewayServer(
                  config.host(),
                  config.port(),
                  config.ioThreads(),
                  config.maxBodyBytes(),
                  config.bareEndpoint() ? benchEndpoints(publisher) : null,
                  config.drain(),
                  processor,
                  meters));
      admin.markStarted();
      return new CallbackGateway(lifecycle, server, admin, config.stopDelay());
    } catch (RuntimeException e) {
      lifecycle.close();
      throw e;
    }
  }

  /** The benchmark's floors: /bench/publish writes unsigned bodies to the events topic. */
  private static BenchEndpoints benchEndpoints(EventPublisher publisher) {
    log.warn(
        "GATEWAY_BARE_ENDPOINT is on: POST /bench/publish writes any body to the events topic,"
            + " unsigned (benchmarks only; keep this gateway out of anyone else's reach)");
    return new BenchEndpoints(publisher::publish);
  }

  public int port() {
    return server.port();
  }

  /**
   * Ready when it can publish (Kafka answers). Redis is reported but not required: without it the
   * gateway still publishes every push, only without filtering WeChat's retries.
   */
  private static void readiness(
      AdminServer admin, KafkaReachability kafka, RedisDedupeStore dedupe) {
    admin.addReadinessCheck("kafka", kafka::health);
    admin.addReadinessCheck(
        "redis (optional)",
        () ->
            dedupe.reachable()
                ? Health.ok()
                : Health.ok("Redis does not answer: pushes are published without dedupe"));
  }

  public int adminPort() {
    return admin.port();
  }

  /**
   * Stops: not ready at once, up for {@code GATEWAY_STOP_DELAY} more (a load balancer stops
   * sending), then the HTTP server stops accepting and answers every request it took ({@link
   * GatewayServer#close}), then the producer flushes and the rest closes.
   */
  @Override
  public void close() {
    admin.markStopping();
    try {
      Thread.sleep(stopDelay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lifecycle.close();
  }
}
