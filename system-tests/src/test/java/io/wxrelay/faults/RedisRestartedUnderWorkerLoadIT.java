package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.OwnRedis;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: Redis (append-only file on, as wxrelay runs it) {@code kill -9}ed under worker load
 * and started again 3 s later: the ledger comes back with it, so no user gets a customer-service
 * message twice, and every command ends in one result.
 */
@ExtendWith(RealInfrastructure.class)
class RedisRestartedUnderWorkerLoadIT {

  @Test
  void noMessageIsSentTwice(KafkaEndpoint kafka) throws Exception {
    try (OwnRedis redis = OwnRedis.start(true);
        WorkerFixture f =
            new WorkerFixture(
                kafka, redis.endpoint(), SimRules.wechat().withMessageWindowQuota(1_000_000), 6)) {
      TextsUnderFault.Outcome outcome =
          TextsUnderFault.run(
              f,
              FaultReport.scaled(3_000),
              1.0 / 3,
              () -> {
                redis.kill9();
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
                redis.startAgain();
              });

      outcome
          .report(
              "3. Redis kill -9 and restart (AOF) under worker load",
              "Redis kill -9 after " + outcome.resultsAtTheStrike() + " results, back 3 s later")
          .write();
      assertThat(outcome.promise().duplicates()).isZero();
      assertThat(outcome.promise().statuses()).doesNotContainKey(Status.DEAD);
    }
  }
}
