package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.kit.config.Env;
import io.wxrelay.testkit.OwnCluster;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 9, on a three-node cluster (replication factor 3, {@code min.insync.replicas} 2): the
 * node leading most of the events topic's partitions is {@code kill -9}ed under 150 signed pushes a
 * second, and started again 10 s later. Its partitions' leadership moves to an in-sync follower
 * within the cluster's failover time, so (almost) every push is still answered 200 within the ack
 * timeout; every request is answered in time; nothing acknowledged is lost or doubled (a retried
 * push is on Kafka twice only where the gateway was unsure of its first publish).
 */
@ExtendWith({RealInfrastructure.class, SharedCluster.class})
class ClusterLeaderKilledUnderCallbacksIT {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final String TOKEN = "cluster-token";
  private static final Duration PACE = Duration.ofNanos(1_000_000_000L / 150);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

  @Test
  void aLeaderDiesAndWeChatBarelyNotices(OwnCluster cluster, RedisEndpoint redis) {
    int pushes = FaultReport.scaled(3000);
    String events = "events-" + UUID.randomUUID().toString().substring(0, 8);
    try (CallbackGateway gateway = gateway(cluster, redis, events);
        SignedPushes wechat =
            new SignedPushes(TOKEN, UUID.randomUUID().toString().substring(0, 8), 60)) {
      URI endpoint = URI.create("http://127.0.0.1:" + gateway.port() + "/wechat/" + APPID);
      int victim = cluster.busiestLeader(events);
      Map<Integer, Integer> leadersBefore = cluster.leaders(events);

      PacedPushes load = PacedPushes.start(wechat, endpoint, pushes, PACE);
      // 5 s into the load (750 pushes) the leader dies; 10 s of load later (1,500) it comes back.
      await().atMost(Duration.ofMinutes(1)).until(() -> load.sent() >= 750);
      cluster.kill9(victim);
      await().atMost(Duration.ofMinutes(1)).until(() -> load.sent() >= 2250);
      Map<Integer, Integer> leadersDuring = cluster.leaders(events);
      cluster.startNode(victim);
      PacedPushes.Tally tally = load.finish(cluster.bootstrapServers(), events);
      GatewayCounters counters = GatewayCounters.of(gateway).print();
      cluster.awaitFullIsr(List.of(events), Duration.ofMinutes(1));

      System.out.printf(
          "killed node %d; leaders before %s, with it dead %s%n",
          victim, leadersBefore, leadersDuring);
      tally
          .report(
              "9. cluster: events leader kill -9 under callback load",
              pushes + " signed pushes at 150/s, 3 nodes, RF 3, min ISR 2",
              "the node leading most events partitions ("
                  + leadersBefore.values().stream().filter(id -> id == victim).count()
                  + " of "
                  + leadersBefore.size()
                  + ") kill -9 at 5 s, back 10 s later")
          .write();
      assertThat(leadersDuring.values())
          .as("leadership moved off the dead node")
          .doesNotContain(victim);
      assertThat(tally.first()).allSatisfy(a -> assertThat(a.status()).isIn(200, 503));
      assertThat(tally.slowest()).isLessThanOrEqualTo(ACK_TIMEOUT.plusMillis(500));
      tally.assertNoneLostAndTwiceOnlyWhereUnsure(counters);
      assertThat(tally.lost()).isZero();
      // The share answered 503 is a measurement (the fault report's row: 0 % in a quiet run, up to
      // 6 % in the test command's runs on two busy cores); what is asserted is that the failover
      // stays well inside Kafka's default 9 s broker session timeout, under which about half of
      // these pushes would be answered 503.
      assertThat(tally.refused().size())
          .as("pushes answered 503: under 10 %% of %d", pushes)
          .isLessThan(pushes / 10);
    }
  }

  /** A gateway on the cluster: its events topic created with replication factor 3. */
  static CallbackGateway gateway(OwnCluster cluster, RedisEndpoint redis, String eventsTopic) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
    env.put("KAFKA_REPLICATION_FACTOR", "3");
    env.put("WXRELAY_TOPIC_EVENTS", eventsTopic);
    env.put("REDIS_URL", redis.url().toString());
    env.put("GATEWAY_APPS", APPID + ":" + TOKEN + ":plain");
    env.put("GATEWAY_PORT", "0");
    env.put("ADMIN_PORT", "0");
    env.put("GATEWAY_ACK_TIMEOUT", ACK_TIMEOUT.toMillis() + "ms");
    env.put("GATEWAY_DEDUPE_PREFIX", redis.uniquePrefix("cluster-gateway"));
    return CallbackGateway.start(GatewayConfig.fromEnv(Env.of(env)), Clock.systemUTC());
  }

  /** Waits {@code duration}: how long a fault lasts, or the pace of a load (not a condition). */
  static void pause(Duration duration) {
    LockSupport.parkNanos(duration.toNanos());
  }
}
