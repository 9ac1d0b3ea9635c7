package io.wxrelay.monitoring;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.SendWorker;
import io.wxrelay.worker.WorkerFixture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.Jedis;

/**
 * A send-worker of a fixture whose Redis user lacks the worker's own keys (an ACL left wrong), on a
 * commands topic of one partition and a group of its own: it holds the first command (blocked, not
 * ready), its partition fills and pauses, and its lag poller goes on reading the group's lag from
 * the brokers. {@link #startBacklog} keeps writing commands to it, the first of them stamped {@link
 * #WAITED} ago, as if the worker had been stuck that long (the 15-minute threshold of
 * WxrelayConsumerOldestRecordOld is not shortened). Closing stops the writing and deletes the Redis
 * user; the fixture stops the worker.
 */
final class HeldWorker implements AutoCloseable {
  static final Duration WAITED = Duration.ofMinutes(20);
  private static final int PER_TICK = 25;

  final String topic;
  final String group;
  final SendWorker worker;
  private final String user;
  private final Jedis root;
  private final KafkaProducer<String, byte[]> producer;
  private final String openid;
  private final AtomicInteger written = new AtomicInteger();
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("held-worker-backlog").daemon(true).factory());

  private HeldWorker(WorkerFixture f, KafkaEndpoint kafka, RedisEndpoint redis) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    this.user = "wxrelay-test-" + run;
    this.topic = kafka.createUniqueTopic("held-commands", 1);
    this.group = topic + "-workers";
    this.root = new Jedis(redis.url(), 5000);
    String password = UUID.randomUUID().toString();
    // Its tokens and channels, but not its own ledger, limiter and correlation keys.
    root.aclSetUser(user, "on", ">" + password, "allchannels", "+@all", "~" + f.tokenPrefix + "*");
    this.worker = worker(f, kafka, redis.url(), password, run);
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                "5"),
            new StringSerializer(),
            new ByteArraySerializer());
    this.openid = f.sim.accounts().population(WorkerFixture.APPID).openids(1).getFirst();
    f.sim.users().text(WorkerFixture.APPID, openid, "hello");
  }

  private SendWorker worker(
      WorkerFixture f, KafkaEndpoint kafka, URI url, String password, String run) {
    try {
      return f.worker(
          Map.ofEntries(
              Map.entry("WORKER_ID", "held-" + run),
              Map.entry(
                  "REDIS_URL",
                  "redis://%s:%s@%s:%d".formatted(user, password, url.getHost(), url.getPort())),
              Map.entry("WORKER_REDIS_BLOCKED_RETRY", "300ms"),
              Map.entry(Topic.COMMANDS.envVar(), topic),
              Map.entry(Topic.COMMANDS_RETRY.envVar(), kafka.createUniqueTopic("held-retry", 1)),
              Map.entry("WORKER_GROUP_ID", group),
              Map.entry("WORKER_EVENTS", "false"),
              Map.entry("WORKER_MAX_IN_FLIGHT", "10"),
              Map.entry("WORKER_MAX_IN_FLIGHT_PER_PARTITION", "5"),
              Map.entry("WORKER_LAG_INTERVAL", "1s")));
    } catch (RuntimeException e) {
      root.aclDelUser(user);
      root.close();
      throw e;
    }
  }

  /** The worker, started; its Redis user is deleted on {@link #close}. */
  static HeldWorker start(WorkerFixture f, KafkaEndpoint kafka, RedisEndpoint redis) {
    return new HeldWorker(f, kafka, redis);
  }

  /**
   * Writes one command stamped {@link #WAITED} ago now, then {@code perSecond} commands a second
   * (in ticks of {@value #PER_TICK}) until closed.
   */
  void startBacklog(int perSecond) throws Exception {
    producer.send(command(Instant.now().minus(WAITED))).get(10, TimeUnit.SECONDS);
    writer.scheduleAtFixedRate(
        () -> {
          for (int i = 0; i < PER_TICK; i++) {
            producer.send(command(Instant.now()));
          }
          producer.flush();
        },
        0,
        1000L * PER_TICK / perSecond,
        TimeUnit.MILLISECONDS);
  }

  private ProducerRecord<String, byte[]> command(Instant stamped) {
    String id = "held-" + written.getAndIncrement();
    CloudEvent<CustomSend> command =
        CloudEvent.of(
            EventType.CUSTOM_SEND,
            id,
            "/test",
            WorkerFixture.APPID,
            Instant.now(),
            new CustomSend(openid, CustomMessage.text(id)));
    return new ProducerRecord<>(
        topic,
        null,
        stamped.toEpochMilli(),
        WorkerFixture.APPID + ":" + openid,
        WorkerFixture.CODEC.encode(command));
  }

  @Override
  public void close() {
    writer.close(); // the writing stops after the tick under way
    producer.close(Duration.ofSeconds(5));
    try {
      root.aclDelUser(user);
    } finally {
      root.close();
    }
  }
}
