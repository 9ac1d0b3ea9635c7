package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.OwnBroker;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: the broker {@code kill -9}ed under worker load (10,000 customer-service texts through
 * two worker processes) and started again 5 s later: every command ends in one terminal result, and
 * no user gets a text twice (only an UNKNOWN may have arrived or not).
 */
@ExtendWith(RealInfrastructure.class)
class BrokerKilledUnderWorkerLoadIT {
  private static final int USERS = 100;

  @Test
  void everyCommandEndsOnceAndNothingIsSentTwice(RedisEndpoint redis) throws Exception {
    int commands = FaultReport.scaled(10_000);
    try (OwnBroker broker = OwnBroker.start();
        WorkerFixture f =
            new WorkerFixture(
                new KafkaEndpoint(broker.bootstrapServers(), "this test's own broker"),
                redis,
                SimRules.wechat().withMessageWindowQuota(1_000_000),
                6)) {
      Map<String, String> env = Map.of("WORKER_MAX_IN_FLIGHT", "500");
      List<ChildJvm> workers = List.of(f.childWorker(env), f.childWorker(env));
      String run = "broker-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = f.sendTexts(run, commands, USERS);

      await().atMost(Duration.ofMinutes(2)).until(() -> f.results.keys() >= commands / 5);
      broker.kill9();
      LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
      broker.startAgain();
      try {
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> f.results.keys() >= commands);
      } finally {
        workers.forEach(
            w ->
                System.out.println(
                    w.output().lines().filter(l -> l.contains("ERROR")).limit(5).toList()));
      }

      TextsPromise promise = TextsPromise.check(f, ids, run);
      new FaultReport(
              "2. broker kill -9 under worker load",
              commands + " texts, 2 workers",
              "broker kill -9 at 20 % done, back 5 s later",
              commands,
              f.results.keys(),
              promise.lost(),
              promise.duplicates(),
              promise.results(),
              "-")
          .write();
      assertThat(promise.statuses()).doesNotContainKey(Status.DEAD);
    }
  }
}
