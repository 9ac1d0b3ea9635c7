package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.OwnCluster;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 10, on the three-node cluster: the node leading most of the commands topic's partitions
 * {@code kill -9}ed under worker load (10,000 customer-service texts through two worker processes,
 * every topic replicated three times) and started again 5 s later: every command ends in one
 * terminal result, and no user gets a text twice.
 */
@ExtendWith({RealInfrastructure.class, SharedCluster.class})
class ClusterBrokerKilledUnderWorkerLoadIT {

  @Test
  void everyCommandEndsOnceAndNothingIsSentTwice(OwnCluster cluster, RedisEndpoint redis)
      throws Exception {
    try (WorkerFixture f =
        new WorkerFixture(
            cluster.endpoint(), redis, SimRules.wechat().withMessageWindowQuota(1_000_000), 12)) {
      String commands = f.topics.get(Topic.COMMANDS);
      AtomicInteger victim = new AtomicInteger();
      TextsUnderFault.Outcome outcome =
          TextsUnderFault.run(
              f,
              FaultReport.scaled(10_000),
              0.2,
              Map.of(),
              workers -> {
                victim.set(cluster.busiestLeader(commands));
                cluster.kill9(victim.get());
                ClusterLeaderKilledUnderCallbacksIT.pause(Duration.ofSeconds(5));
                cluster.startNode(victim.get());
              });
      cluster.awaitFullIsr(List.of(commands), Duration.ofMinutes(1));

      outcome
          .report(
              "10. cluster: broker kill -9 under worker load",
              "broker leading most commands partitions kill -9 after "
                  + outcome.resultsAtTheStrike()
                  + " results, back 5 s later (3 nodes, RF 3)")
          .write();
      assertThat(outcome.promise().statuses()).doesNotContainKey(Status.DEAD);
    }
  }
}
