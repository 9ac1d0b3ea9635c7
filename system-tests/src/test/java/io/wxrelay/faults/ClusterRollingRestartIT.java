package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.OwnCluster;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 11, on the three-node cluster: a rolling restart of all three nodes, one at a time, as
 * an operator upgrades Kafka (SIGTERM: a controlled shutdown that moves leadership first; the node
 * started again; the next one once every replica is back in sync), under both loads at once: 150
 * signed pushes a second through a gateway, and 10,000 texts written at a steady pace through two
 * workers. No command ends UNKNOWN, few pushes are answered 503 (WeChat's retry then carries it),
 * nothing is sent twice or lost, a push acknowledged at once is on Kafka once, and a retried one
 * twice at most where the gateway could not be sure its first publish failed.
 */
@ExtendWith({RealInfrastructure.class, SharedCluster.class})
class ClusterRollingRestartIT {
  private static final Duration PACE = Duration.ofNanos(1_000_000_000L / 150);
  private static final int BATCHES = 20;
  private static final Duration BATCH_EVERY = Duration.ofSeconds(5);
  private static final Duration SETTLE = Duration.ofSeconds(10);
  private static final int USERS = 100;

  @Test
  void aRollingRestartCostsNothing(OwnCluster cluster, RedisEndpoint redis) throws Exception {
    int texts = FaultReport.scaled(10_000);
    String events = "events-" + UUID.randomUUID().toString().substring(0, 8);
    try (CallbackGateway gateway =
            ClusterLeaderKilledUnderCallbacksIT.gateway(cluster, redis, events);
        SignedPushes wechat =
            new SignedPushes("cluster-token", UUID.randomUUID().toString().substring(0, 8), 60);
        WorkerFixture f =
            new WorkerFixture(
                cluster.endpoint(),
                redis,
                SimRules.wechat().withMessageWindowQuota(1_000_000),
                12)) {
      startTwoWorkers(f);
      // Both loads start on a relay that is up: the workers through their first texts, the
      // gateway through its first pushes (JVMs starting on two cores are not a broker restart).
      List<String> warmup =
          f.sendTexts("warmup-" + UUID.randomUUID().toString().substring(0, 8), 200, USERS);
      await().atMost(Duration.ofMinutes(2)).until(() -> f.results.keys() >= warmup.size());
      URI endpoint =
          URI.create("http://127.0.0.1:" + gateway.port() + "/wechat/" + "wx5823bf96d3bd56c7");
      warmUpTheGateway(cluster, endpoint, events);
      PacedPushes pushes = PacedPushes.start(wechat, endpoint, 1_000_000, PACE);
      String run = "rolling-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = new ArrayList<>();
      Thread writer = writeTextsAtAPace(f, run, texts, ids);

      List<String> topics =
          List.of(events, f.topics.get(Topic.COMMANDS), f.topics.get(Topic.RESULTS));
      // Both loads run steadily before the first node goes.
      await().atMost(Duration.ofMinutes(1)).until(() -> pushes.sent() >= SETTLE.toSeconds() * 150);
      Duration restart = restartEachNodeInTurn(cluster, topics);
      writer.join();
      int sentAtTheEnd = pushes.sent();
      await().atMost(Duration.ofMinutes(1)).until(() -> pushes.sent() >= sentAtTheEnd + 300);
      pushes.stop();
      PacedPushes.Tally tally = pushes.finish(cluster.bootstrapServers(), events);
      GatewayCounters counters = GatewayCounters.of(gateway).print();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> f.results.keys() >= warmup.size() + ids.size());
      TextsPromise promise = TextsPromise.check(f, ids, run);

      writeReports(tally, f, ids, warmup.size(), promise, restart);
      // The goal is none; measured here: none, or a few tenths of a percent while the node that
      // hosts the active controller stops (combined mode, two busy cores) - and 6.7 % in one full
      // test-command run where a node took 75 s to start and the gateway's JVM stalled for
      // seconds. WeChat's retries carry each of them (asserted below), so the bound is scenario
      // 9's: under 10 %.
      assertThat(tally.refused().size())
          .as(
              "pushes answered 503 during a rolling restart: under 10 %% of %d",
              tally.first().size())
          .isLessThan(tally.first().size() / 10);
      tally.assertNoneLostAndTwiceOnlyWhereUnsure(counters);
      assertThat(promise.statuses()).containsOnlyKeys(Status.SUCCEEDED);
    }
  }

  private static void startTwoWorkers(WorkerFixture f) {
    // WeChat's calls get the production timeouts (the fixture's 2 s is for quick tests): on two
    // cores busy with three brokers, two loads and the simulator in this JVM, an answer can take
    // longer than 2 s, and an UNKNOWN would then be the simulator's, not the restart's.
    Map<String, String> env =
        Map.of(
            "WORKER_MAX_IN_FLIGHT", "500",
            "WECHAT_CALL_TIMEOUT", "10s",
            "WORKER_CLAIM_LEASE", "30s",
            "WORKER_DRAIN_TIMEOUT", "14s");
    f.childWorker(env);
    f.childWorker(env);
  }

  /** 300 paced pushes of their own, through to Kafka, before the measured ones. */
  private static void warmUpTheGateway(OwnCluster cluster, URI endpoint, String events) {
    try (SignedPushes warmupPushes =
        new SignedPushes("cluster-token", UUID.randomUUID().toString().substring(0, 8), 60)) {
      PacedPushes.start(warmupPushes, endpoint, 300, PACE)
          .finish(cluster.bootstrapServers(), events);
    }
  }

  /** A thread writing {@code texts} in BATCHES batches, BATCH_EVERY apart, into {@code ids}. */
  private static Thread writeTextsAtAPace(
      WorkerFixture f, String run, int texts, List<String> ids) {
    return Thread.ofPlatform()
        .name("paced-texts")
        .start(
            () -> {
              for (int b = 0; b < BATCHES; b++) {
                ids.addAll(f.sendTexts(run + "-b" + b, texts / BATCHES, USERS));
                ClusterLeaderKilledUnderCallbacksIT.pause(BATCH_EVERY);
              }
            });
  }

  /**
   * Each node in turn: SIGTERM, started again, then every replica of {@code topics} back in sync
   * before the next. Returns how long the whole restart took.
   */
  private static Duration restartEachNodeInTurn(OwnCluster cluster, List<String> topics) {
    long start = System.nanoTime();
    for (int node = 1; node <= cluster.size(); node++) {
      long at = System.nanoTime();
      cluster.stopNode(node);
      long stopped = System.nanoTime();
      cluster.startNode(node);
      long started = System.nanoTime();
      cluster.awaitFullIsr(topics, Duration.ofMinutes(1));
      System.out.printf(
          "node %d: stopped in %d ms, started in %d ms, replicas in sync %d ms later%n",
          node,
          (stopped - at) / 1_000_000,
          (started - stopped) / 1_000_000,
          (System.nanoTime() - started) / 1_000_000);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The fault report's rows: 11a for the pushes, 11b for the texts. */
  private static void writeReports(
      PacedPushes.Tally tally,
      WorkerFixture f,
      List<String> ids,
      int warmups,
      TextsPromise promise,
      Duration restart) {
    tally
        .report(
            "11a. cluster: rolling restart of 3 nodes under callback load",
            tally.first().size() + " signed pushes at 150/s (and 11b's texts at once)",
            "each node SIGTERM, started again, ISR full before the next ("
                + restart.toSeconds()
                + " s)")
        .write();
    new FaultReport(
            "11b. cluster: rolling restart of 3 nodes under worker load",
            ids.size()
                + " texts written over "
                + BATCH_EVERY.multipliedBy(BATCHES).toSeconds()
                + " s, 2 workers (and 11a's pushes)",
            "each node SIGTERM, started again, ISR full before the next ("
                + restart.toSeconds()
                + " s)",
            ids.size(),
            f.results.keys() - warmups,
            promise.lost(),
            promise.duplicates(),
            promise.results(),
            "-")
        .write();
  }
}
