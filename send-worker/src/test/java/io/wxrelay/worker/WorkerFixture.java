package io.wxrelay.worker;

import static org.awaitility.Awaitility.await;

import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.TopicReader;
import io.wxrelay.token.TokenService;
import io.wxrelay.token.TokenServiceConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A simulator, a token-service, topics and Redis prefixes of their own, workers started against
 * them (in-process or as child JVMs), a producer of commands and readers of results and the DLQ.
 * Closes everything it started.
 */
public final class WorkerFixture implements AutoCloseable {
  public static final String APPID = SimConfig.DEFAULT_APPID;

  /** A second account, for benchmarks that warm the workers up without touching APPID's limits. */
  public static final String OTHER_APPID = "wx0b7e3a2f5c8d9e10";

  public static final ContractCodec CODEC = ContractCodec.create();

  public final WeChatSim sim;
  public final KafkaEndpoint kafka;
  public final Map<Topic, String> topics = new HashMap<>();
  public final String workerPrefix;
  public final String tokenPrefix;
  public final String redisUrl;
  private final RedisEndpoint redis;
  public final TopicReader results;
  public final TopicReader dlq;
  private final TokenServiceConfig tokenConfig;
  private TokenService tokenService;
  private final KafkaProducer<String, byte[]> producer;
  private final List<AutoCloseable> started = new ArrayList<>();

  public WorkerFixture(KafkaEndpoint kafka, RedisEndpoint redis, SimRules rules, int partitions) {
    this(kafka, redis, rules, partitions, 100);
  }

  /** As above, with an account of {@code followers} followers. */
  public WorkerFixture(
      KafkaEndpoint kafka, RedisEndpoint redis, SimRules rules, int partitions, int followers) {
    this(kafka, redis, rules, partitions, followers, List.of(APPID));
  }

  /** As above, with accounts {@code appids} (APPID, OTHER_APPID) of {@code followers} each. */
  public WorkerFixture(
      KafkaEndpoint kafka,
      RedisEndpoint redis,
      SimRules rules,
      int partitions,
      int followers,
      List<String> appids) {
    this(kafka, redis, rules, partitions, followers, appids, Map.of());
  }

  /** As above, with {@code tokenExtra} added to the token-service's environment. */
  public WorkerFixture(
      KafkaEndpoint kafka,
      RedisEndpoint redis,
      SimRules rules,
      int partitions,
      int followers,
      List<String> appids,
      Map<String, String> tokenExtra) {
    this.kafka = kafka;
    this.sim =
        WeChatSim.start(
            SimConfig.forTests()
                .withRules(rules)
                .withApps(
                    appids.stream()
                        .map(
                            a ->
                                new SimConfig.AppSetup(
                                    AppConfig.simple(a, SimConfig.DEFAULT_SECRET), followers, 4))
                        .toList()));
    this.redis = redis;
    this.redisUrl = redis.url().toString();
    this.workerPrefix = redis.uniquePrefix("worker");
    this.tokenPrefix = redis.uniquePrefix("token");
    topics.put(Topic.COMMANDS, kafka.createUniqueTopic("commands", partitions));
    topics.put(Topic.COMMANDS_RETRY, kafka.createUniqueTopic("retry", partitions));
    topics.put(Topic.COMMANDS_DLQ, kafka.createUniqueTopic("dlq", 1));
    topics.put(Topic.RESULTS, kafka.createUniqueTopic("results", 3));
    topics.put(Topic.EVENTS, kafka.createUniqueTopic("events", 3));
    Map<String, String> tokenEnv = new HashMap<>();
    tokenEnv.put(
        "TOKEN_APPS",
        appids.stream()
            .map(a -> a + ":" + SimConfig.DEFAULT_SECRET + ":classic")
            .collect(Collectors.joining(",")));
    tokenEnv.put("WECHAT_API_BASE", sim.baseUrl());
    tokenEnv.put("REDIS_URL", redisUrl);
    tokenEnv.put("TOKEN_REDIS_PREFIX", tokenPrefix);
    tokenEnv.put("ADMIN_PORT", "0");
    tokenEnv.put("TOKEN_API_PORT", "0");
    tokenEnv.put("TOKEN_RETRY_MIN", "100ms");
    tokenEnv.put("TOKEN_RETRY_MAX", "500ms");
    tokenEnv.putAll(tokenExtra);
    this.tokenConfig = TokenServiceConfig.fromEnv(Env.of(tokenEnv));
    this.tokenService = TokenService.start(tokenConfig, InstantSource.system());
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(props);
    this.results = new TopicReader(kafka.bootstrapServers(), topics.get(Topic.RESULTS));
    this.dlq = new TopicReader(kafka.bootstrapServers(), topics.get(Topic.COMMANDS_DLQ));
  }

  /**
   * One account of 100 followers on 3 partitions, whose tokens live {@code ttl} and which
   * token-service renews {@code margin} ahead; {@code tokenExtra} adds to token-service's
   * environment. For tests of tokens running out.
   */
  public static WorkerFixture shortLivedTokens(
      KafkaEndpoint kafka,
      RedisEndpoint redis,
      Duration ttl,
      Duration margin,
      Map<String, String> tokenExtra) {
    SimRules rules =
        SimRules.wechat()
            .withMessageWindowQuota(1_000_000)
            .withTokenTimes(ttl, Duration.ofSeconds(2), Duration.ofSeconds(5));
    Map<String, String> tokenEnv = new HashMap<>(tokenExtra);
    tokenEnv.put("TOKEN_REFRESH_MARGIN", margin.toMillis() + "ms");
    return new WorkerFixture(kafka, redis, rules, 3, 100, List.of(APPID), tokenEnv);
  }

  /** A worker's environment against this fixture; {@code extra} overrides. */
  public Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    topics.forEach((topic, name) -> env.put(topic.envVar(), name));
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("REDIS_URL", redisUrl);
    env.put("WORKER_REDIS_PREFIX", workerPrefix);
    env.put("TOKEN_REDIS_PREFIX", tokenPrefix);
    env.put("WORKER_GROUP_ID", topics.get(Topic.COMMANDS) + "-workers");
    env.put("WORKER_EVENTS_GROUP_ID", topics.get(Topic.COMMANDS) + "-events");
    env.put("WECHAT_API_BASE", sim.baseUrl());
    env.put("WECHAT_QR_IMAGE_BASE", sim.baseUrl() + "/cgi-bin/showqrcode");
    env.put("WECHAT_CALL_TIMEOUT", "2s");
    env.put("WECHAT_CONNECT_TIMEOUT", "1s");
    env.put("WORKER_CLAIM_LEASE", "6s");
    env.put("WORKER_DRAIN_TIMEOUT", "5s"); // the least it may be: 1 s + 2 s + 2 s
    env.put("WORKER_BACKOFF_BASE", "50ms");
    env.put("WORKER_BACKOFF_MAX", "1s");
    env.put("WORKER_ERROR_BACKOFF", "200ms");
    env.put("WORKER_CREATE_TOPICS", "false");
    env.put("KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
    env.put("KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", "1000");
    env.put("ADMIN_PORT", "0");
    env.put("WORKER_EVENTS_START", "earliest"); // the events topic is the test's own
    env.putAll(extra);
    return env;
  }

  public SendWorker worker(Map<String, String> extra) {
    SendWorker worker =
        SendWorker.start(WorkerConfig.fromEnv(Env.of(env(extra))), Clock.systemUTC());
    started.add(worker);
    return worker;
  }

  public ChildJvm childWorker(Map<String, String> extra) {
    return childWorker(extra, List.of());
  }

  public ChildJvm childWorker(Map<String, String> extra, List<String> jvmOptions) {
    ChildJvm child = ChildJvm.start(WorkerMain.class, jvmOptions, env(extra));
    started.add(child);
    return child;
  }

  /** Sends a command of {@code type} keyed as upstream would (appid, or appid:openid). */
  public <T extends CommandData> CloudEvent<T> send(EventType type, String id, T data) {
    CloudEvent<T> command = CloudEvent.of(type, id, "/test", APPID, Instant.now(), data);
    producer.send(record(command));
    return command;
  }

  /** Sends a command of {@code type} and waits (at most 30 s) for its one result. */
  public <T extends CommandData> CommandResult sendAndAwait(EventType type, String id, T data) {
    send(type, id, data);
    flush();
    await().atMost(Duration.ofSeconds(30)).until(() -> result(id) != null);
    return result(id);
  }

  /** The commands-topic record of {@code command}, keyed as upstream would. */
  private ProducerRecord<String, byte[]> record(CloudEvent<? extends CommandData> command) {
    String appid = command.subject();
    String key =
        switch (command.data()) {
          case CustomSend c -> appid + ":" + c.touser();
          case TemplateSend t -> appid + ":" + t.touser();
          default -> appid;
        };
    return new ProducerRecord<>(topics.get(Topic.COMMANDS), key, CODEC.encode(command));
  }

  /**
   * Opens the customer-service window of the first {@code users} followers (each sends a text) and
   * sends them {@code n} text messages round robin, one key per user, each message's text its
   * command id ({@code <run>-<i>}). Returns the ids, in order.
   */
  public List<String> sendTexts(String run, int n, int users) {
    return send(prepareTexts(run, n, users));
  }

  /** Commands encoded ahead of time, to be sent by {@link #send(Prepared)}. */
  public record Prepared(List<String> ids, List<ProducerRecord<String, byte[]>> records) {}

  /**
   * {@code n} customer-service texts to {@code users} followers (each with an open message window),
   * ids {@code run-0..}, encoded now: a benchmark sends them later without spending the machine's
   * CPU on encoding while the worker runs.
   */
  public Prepared prepareTexts(String run, int n, int users) {
    return prepareTexts(APPID, run, n, users);
  }

  /** As above, for the account {@code appid}. */
  public Prepared prepareTexts(String appid, String run, int n, int users) {
    List<String> openids = sim.accounts().population(appid).openids(users);
    openids.forEach(u -> sim.users().text(appid, u, "hello"));
    List<String> ids = new ArrayList<>(n);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = run + "-" + i;
      ids.add(id);
      records.add(
          record(
              CloudEvent.of(
                  EventType.CUSTOM_SEND,
                  id,
                  "/test",
                  appid,
                  Instant.now(),
                  new CustomSend(openids.get(i % users), CustomMessage.text(id)))));
    }
    return new Prepared(ids, records);
  }

  /** Sends prepared commands and waits until Kafka has them all. */
  public List<String> send(Prepared prepared) {
    prepared.records().forEach(producer::send);
    flush();
    return prepared.ids();
  }

  /** How often each text starting with {@code prefix} reached a user, by text. */
  public Map<String, Long> deliveredTexts(String prefix) {
    return sim.truth().deliveries(d -> d.text() != null && d.text().startsWith(prefix)).stream()
        .collect(Collectors.groupingBy(Delivery::text, Collectors.counting()));
  }

  public void sendRaw(String key, byte[] value) {
    producer.send(new ProducerRecord<>(topics.get(Topic.COMMANDS), key, value));
  }

  /** Publishes {@code event} on the events topic as callback-gateway would. */
  public void publishEvent(CloudEvent<?> event, String openid) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                topics.get(Topic.EVENTS), event.subject() + ":" + openid, CODEC.encode(event)))
        .get(10, TimeUnit.SECONDS);
  }

  /**
   * Publishes the MASSSENDJOBFINISH of broadcast {@code msgId} (command {@code commandId}) as
   * callback-gateway would, all {@code sent} of its users reached.
   */
  public void publishMassJobFinished(String commandId, long msgId, long sent) throws Exception {
    publishEvent(
        CloudEvent.of(
            EventType.EVENT_MASSSENDJOBFINISH,
            "finish-" + commandId,
            "/wxrelay/callback-gateway",
            APPID,
            Instant.now(),
            new MassSendJobFinishEvent(
                "gh_test",
                "mphelper",
                Instant.now().getEpochSecond(),
                msgId,
                "send success",
                sent,
                sent,
                sent,
                0,
                null,
                null)),
        "mphelper");
  }

  public void flush() {
    producer.flush();
  }

  /** The results published for {@code commandId} so far. */
  public List<CommandResult> resultsOf(String commandId) {
    return data(results, commandId, CommandResult.class);
  }

  /** The data of the records under {@code key} on {@code reader}'s topic that are {@code type}s. */
  public static <T> List<T> data(TopicReader reader, String key, Class<T> type) {
    return reader.values(key).stream()
        .map(value -> CODEC.decode(value).data())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The one terminal result of {@code commandId}, failing if there are several that differ. */
  public CommandResult result(String commandId) {
    List<CommandResult> all = resultsOf(commandId);
    if (all.isEmpty()) {
      return null;
    }
    if (all.stream().distinct().count() > 1) {
      throw new AssertionError("different results for " + commandId + ": " + all);
    }
    return all.getFirst();
  }

  /** Stops the token-service: the tokens it stored stay valid until they expire. */
  public synchronized void stopTokenService() {
    tokenService.close();
    tokenService = null;
  }

  /** Starts the token-service again, as it was configured. */
  public synchronized void startTokenService() {
    tokenService = TokenService.start(tokenConfig, InstantSource.system());
  }

  @Override
  public void close() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    results.close();
    dlq.close();
    producer.close();
    if (tokenService != null) {
      tokenService.close();
    }
    sim.close();
    // Results are kept for a week by default: without this, every run leaves its keys behind.
    try {
      redis.deleteUnder(workerPrefix);
      redis.deleteUnder(tokenPrefix);
    } catch (RuntimeException e) {
      // Redis is gone (a fault test): the keys expire by themselves; the test's outcome stands
    }
  }
}
