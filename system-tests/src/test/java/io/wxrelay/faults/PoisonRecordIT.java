package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 8: a poison record, one that Kafka accepts on the commands topic but whose dead letter
 * it refused (900 KB that are not JSON: in Base64, over Kafka's 1 MiB), ahead of ordinary commands
 * on a one-partition topic. Before, the worker retried publishing its letter forever and the
 * partition stood still behind it. Now its letter says where the record is instead of holding it,
 * and the commands behind it are carried out.
 */
@ExtendWith(RealInfrastructure.class)
class PoisonRecordIT {
  private static final int USERS = 10;

  @Test
  void thePoisonGoesToTheDlqAndThePartitionMovesOn(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    int behind = FaultReport.scaled(50);
    try (WorkerFixture f =
        new WorkerFixture(kafka, redis, SimRules.wechat().withMessageWindowQuota(1_000_000), 1)) {
      f.childWorker(Map.of());
      byte[] poison = new byte[900_000];
      Arrays.fill(poison, (byte) '!');
      f.sendRaw("poison", poison);
      String run = "behind-poison-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = f.sendTexts(run, behind, USERS);

      long start = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> f.dlq.has("poison") && ids.stream().allMatch(f.results::has));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      DeadLetter letter = WorkerFixture.data(f.dlq, "poison", DeadLetter.class).getFirst();
      TextsPromise promise = TextsPromise.check(f, ids, run);
      new FaultReport(
              "8. poison record",
              "a 900 KB record that is not JSON, then " + behind + " texts on one partition",
              "its dead letter would exceed Kafka's 1 MiB",
              behind + 1,
              f.dlq.keys() + ids.stream().filter(f.results::has).count(),
              promise.lost(),
              promise.duplicates(),
              "poison DEAD (" + letter.errorClass().json() + "), " + promise.results(),
              "all done " + took.toMillis() + " ms after the sends")
          .write();
      assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.MALFORMED);
      assertThat(letter.original().valueBase64()).isEmpty();
      assertThat(letter.reason())
          .contains("900000 bytes")
          .contains("is too large for a dead letter");
      assertThat(promise.delivered()).isEqualTo(behind);
    }
  }
}
