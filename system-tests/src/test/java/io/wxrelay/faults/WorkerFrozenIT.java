package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.OwnCluster;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 12, on the three-node cluster: one of two workers frozen with {@code SIGSTOP} (a long GC
 * pause, a stopped container) under load, past its session timeout (6 s) and its claims' lease (6
 * s), until the group has given its partitions to the other worker; then {@code SIGCONT}: it wakes
 * as a zombie, with records and WeChat calls it had in flight, and offsets it can no longer commit.
 * Still every command ends in one result, and no user gets a text twice.
 */
@ExtendWith({RealInfrastructure.class, SharedCluster.class})
class WorkerFrozenIT {
  private static final Duration FROZEN = Duration.ofSeconds(15);

  @Test
  void aZombieWorkerSendsNothingTwice(OwnCluster cluster, RedisEndpoint redis) throws Exception {
    try (WorkerFixture f =
        new WorkerFixture(
            cluster.endpoint(), redis, SimRules.wechat().withMessageWindowQuota(1_000_000), 12)) {
      // Calls take a while, so that the worker is frozen with calls in flight.
      f.sim.faults().configure("message/custom/send: latency=20ms..200ms");
      String group = f.topics.get(Topic.COMMANDS) + "-workers";
      int[] membersWhileFrozen = new int[1];
      TextsUnderFault.Outcome outcome =
          TextsUnderFault.run(
              f,
              FaultReport.scaled(6_000),
              0.2,
              Map.of(),
              workers -> {
                ChildJvm frozen = workers.getFirst();
                signal("STOP", frozen.pid());
                try {
                  await()
                      .atMost(FROZEN)
                      .pollInterval(Duration.ofMillis(500))
                      .until(() -> members(cluster, group) == 1);
                  membersWhileFrozen[0] = members(cluster, group);
                  // The group goes on without it: the other worker finishes more commands.
                  long before = f.results.keys();
                  await()
                      .atMost(Duration.ofMinutes(1))
                      .until(() -> f.results.keys() >= before + 200);
                } finally {
                  signal("CONT", frozen.pid());
                }
              });

      outcome
          .report(
              "12. cluster: worker frozen (SIGSTOP) past its session timeout",
              "SIGSTOP to one worker after "
                  + outcome.resultsAtTheStrike()
                  + " results, until its partitions moved and the other worker finished 200 more, then SIGCONT")
          .write();
      assertThat(membersWhileFrozen[0])
          .as("the group went on without the frozen worker")
          .isEqualTo(1);
      assertThat(outcome.promise().statuses()).doesNotContainKey(Status.DEAD);
    }
  }

  /** How many members the group has now. */
  private static int members(OwnCluster cluster, String group) throws Exception {
    try (Admin admin = Admin.create(cluster.endpoint().adminProperties())) {
      ConsumerGroupDescription d =
          admin
              .describeConsumerGroups(java.util.List.of(group))
              .all()
              .get(15, TimeUnit.SECONDS)
              .get(group);
      return d.members().size();
    }
  }

  /** Sends {@code kill -<name>} to the process this test started. */
  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s %d", name, pid).isZero();
  }
}
