package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.TemplateDelivery;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #32's template flow: a template message to each of 1,000 followers, while WeChat fails 10 %
 * of the sends (busy, HTTP 503, connection reset, answer lost after the message went out) and one
 * of two workers is {@code kill -9}ed midway. WeChat's TEMPLATESENDJOBFINISH pushes go through the
 * real callback-gateway. Every command ends in one result; every SUCCEEDED one is joined to exactly
 * one {@code wechat.template.finished} of its msgid; no follower gets the message twice, and every
 * SUCCEEDED command's follower got it once.
 */
@ExtendWith(RealInfrastructure.class)
class TemplateFlowIT {
  private static final int FOLLOWERS = 1_000;
  private static final String CALLBACK_TOKEN = "tpl-flow-token";

  @Test
  void eachFollowerGetsItsMessageAtMostOnceAndEachSuccessIsJoinedToItsFinish(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    long started = System.nanoTime();
    try (WorkerFixture f =
            new WorkerFixture(
                kafka, redis, SimRules.wechat(), 6, FOLLOWERS, List.of(WorkerFixture.APPID));
        CallbackGateway gateway = gateway(f, redis)) {
      f.sim
          .faults()
          .configure(
              "message/template/send: rate=0.1; errors=-1,http503,reset,lost; latency=5ms..40ms");
      Map<String, String> env = Map.of("WORKER_PARK_AFTER", "200ms");
      ChildJvm doomed = f.childWorker(env);
      f.childWorker(env);
      String run = "tpl-" + UUID.randomUUID().toString().substring(0, 8);
      Map<String, String> openidOf = sendTemplates(f, run);

      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> f.results.keys() >= FOLLOWERS * 3L / 10);
      long resultsAtKill = f.results.keys();
      doomed.kill9();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> openidOf.keySet().stream().allMatch(f.results::has));

      Map<Status, Integer> statuses = new EnumMap<>(Status.class);
      Map<String, Long> succeeded = msgidsOfSuccesses(f, openidOf.keySet(), statuses);
      // WeChat pushes each finish a moment after it accepted the message.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> succeeded.keySet().stream().allMatch(id -> !finishes(f, id).isEmpty()));

      assertEachJoinedToOneFinish(f, succeeded, openidOf);
      Map<String, Long> received = messagesPerFollower(f, run);
      List<String> twice =
          received.entrySet().stream()
              .filter(e -> e.getValue() > 1)
              .map(Map.Entry::getKey)
              .toList();
      for (String id : succeeded.keySet()) {
        assertThat(received.getOrDefault(openidOf.get(id), 0L)).as("messages of %s", id).isOne();
      }
      long faulted = f.sim.truth().faultedCalls("message/template/send");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf(
          "TemplateFlowIT: %d template messages, results %s, faulted sends %d, results at the kill"
              + " %d, followers who got one %d, twice %d, took %d s%n",
          FOLLOWERS,
          statuses,
          faulted,
          resultsAtKill,
          received.size(),
          twice.size(),
          took.toSeconds());
      assertThat(twice).as("followers who got the message twice").isEmpty();
      assertThat(faulted).as("WeChat failed some sends").isGreaterThan(FOLLOWERS / 20);
      assertThat(statuses.getOrDefault(Status.SUCCEEDED, 0)).isGreaterThan(FOLLOWERS * 9 / 10);
    }
  }

  /**
   * A callback-gateway in this JVM publishing to the fixture's events topic, WeChat's pushes to it.
   */
  private static CallbackGateway gateway(WorkerFixture f, RedisEndpoint redis) {
    Map<String, String> env = new HashMap<>();
    f.topics.forEach((topic, name) -> env.put(topic.envVar(), name));
    env.put("KAFKA_BOOTSTRAP_SERVERS", f.kafka.bootstrapServers());
    env.put("REDIS_URL", f.redisUrl);
    env.put("GATEWAY_APPS", WorkerFixture.APPID + ":" + CALLBACK_TOKEN + ":plain");
    env.put("GATEWAY_PORT", "0");
    env.put("ADMIN_PORT", "0");
    env.put("GATEWAY_DEDUPE_PREFIX", redis.uniquePrefix("tpl-flow-gateway"));
    env.put("GATEWAY_CREATE_TOPICS", "false");
    CallbackGateway gateway =
        CallbackGateway.start(GatewayConfig.fromEnv(Env.of(env)), Clock.systemUTC());
    var app = f.sim.accounts().app(WorkerFixture.APPID).orElseThrow();
    f.sim
        .accounts()
        .update(
            app.withCallback(
                "http://127.0.0.1:" + gateway.port() + "/wechat/" + WorkerFixture.APPID,
                CALLBACK_TOKEN,
                Mode.PLAIN,
                SimConfig.SAMPLE_AES_KEY));
    return gateway;
  }

  /** One template message to each follower, ids {@code run-i}; returns each id's follower. */
  private static Map<String, String> sendTemplates(WorkerFixture f, String run) {
    String template = f.sim.templates().of(WorkerFixture.APPID).builtInId();
    List<String> followers = f.sim.accounts().population(WorkerFixture.APPID).openids(FOLLOWERS);
    Map<String, String> openidOf = new HashMap<>();
    for (int i = 0; i < FOLLOWERS; i++) {
      String id = run + "-" + i;
      Map<String, TemplateSend.Value> data = new HashMap<>();
      data.put("first", new TemplateSend.Value(id, null));
      data.put("keyword1", new TemplateSend.Value("30.00", null));
      data.put("keyword2", new TemplateSend.Value("cup", null));
      data.put("remark", new TemplateSend.Value("thanks", null));
      f.send(
          EventType.TEMPLATE_SEND,
          id,
          new TemplateSend(followers.get(i), template, "https://shop.example/o/" + i, null, data));
      openidOf.put(id, followers.get(i));
    }
    f.flush();
    return openidOf;
  }

  /**
   * The msgid of each SUCCEEDED command among {@code ids}; every status counted in {@code into}.
   */
  private static Map<String, Long> msgidsOfSuccesses(
      WorkerFixture f, Set<String> ids, Map<Status, Integer> into) {
    Map<String, Long> succeeded = new HashMap<>();
    for (String id : ids) {
      CommandResult result = f.result(id); // fails if two results of one command differ
      into.merge(result.status(), 1, Integer::sum);
      if (result.status() == Status.SUCCEEDED) {
        succeeded.put(id, ((Number) result.response().get("msgid")).longValue());
      }
    }
    return succeeded;
  }

  /** Each SUCCEEDED command has exactly one finish: its msgid, its follower, delivered. */
  private static void assertEachJoinedToOneFinish(
      WorkerFixture f, Map<String, Long> succeeded, Map<String, String> openidOf) {
    for (Map.Entry<String, Long> ok : succeeded.entrySet()) {
      assertThat(finishes(f, ok.getKey()))
          .as("finishes of %s", ok.getKey())
          .singleElement()
          .satisfies(
              fin -> {
                assertThat(fin.msgId()).isEqualTo(ok.getValue());
                assertThat(fin.openid()).isEqualTo(openidOf.get(ok.getKey()));
                assertThat(fin.succeeded()).isTrue();
              });
    }
  }

  /** The template messages of this run that WeChat delivered, by follower. */
  private static Map<String, Long> messagesPerFollower(WorkerFixture f, String run) {
    return f.sim.truth().templateDeliveries(WorkerFixture.APPID, null).stream()
        .filter(d -> d.data().getOrDefault("first", "").startsWith(run))
        .collect(Collectors.groupingBy(TemplateDelivery::openid, Collectors.counting()));
  }

  /** The distinct {@code wechat.template.finished} records of command {@code id}. */
  private static List<TemplateFinished> finishes(WorkerFixture f, String id) {
    return WorkerFixture.data(f.results, id, TemplateFinished.class).stream().distinct().toList();
  }
}
