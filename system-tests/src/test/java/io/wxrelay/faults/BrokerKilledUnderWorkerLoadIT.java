package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.OwnBroker;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
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

  @Test
  void everyCommandEndsOnceAndNothingIsSentTwice(RedisEndpoint redis) throws Exception {
    try (OwnBroker broker = OwnBroker.start();
        WorkerFixture f =
            new WorkerFixture(
                new KafkaEndpoint(broker.bootstrapServers(), "this test's own broker"),
                redis,
                SimRules.wechat().withMessageWindowQuota(1_000_000),
                6)) {
      TextsUnderFault.Outcome outcome =
          TextsUnderFault.run(
              f,
              FaultReport.scaled(10_000),
              0.2,
              () -> {
                broker.kill9();
                LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                broker.startAgain();
              });

      outcome
          .report(
              "2. broker kill -9 under worker load",
              "broker kill -9 after " + outcome.resultsAtTheStrike() + " results, back 5 s later")
          .write();
      assertThat(outcome.promise().statuses()).doesNotContainKey(Status.DEAD);
    }
  }
}
