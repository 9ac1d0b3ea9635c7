package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import io.wxrelay.worker.dispatch.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7: WeChat answers every customer-service call with HTTP 503 or -1 (busy) for the length
 * of an outage (30 s in the test command, 2 minutes in {@code bench/faults.sh}), with the worker's
 * default retry settings: nothing is DEAD, and every text is delivered once WeChat is back.
 */
@ExtendWith(RealInfrastructure.class)
class WeChatOutageIT {
  private static final int USERS = 100;

  @Test
  void nothingIsDeadAndEverythingIsDeliveredAfter(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    int commands = FaultReport.scaled(1_000);
    Duration outage = FaultReport.outage();
    try (WorkerFixture f =
        new WorkerFixture(kafka, redis, SimRules.wechat().withMessageWindowQuota(1_000_000), 6)) {
      // The fixture shortens backoff for other tests; this one runs with the defaults.
      f.childWorker(
          Map.of(
              "WORKER_BACKOFF_BASE",
              RetryPolicy.Settings.DEFAULT_BACKOFF_BASE.toMillis() + "ms",
              "WORKER_BACKOFF_MAX",
              RetryPolicy.Settings.DEFAULT_BACKOFF_MAX.toMillis() + "ms"));
      f.sim.faults().configure("message/custom/send: rate=1.0; errors=http503,-1");
      String run = "outage-" + UUID.randomUUID().toString().substring(0, 8);
      long start = System.nanoTime();
      List<String> ids = f.sendTexts(run, commands, USERS);
      LockSupport.parkNanos(outage.toNanos() - (System.nanoTime() - start));
      long faulted = f.sim.truth().faultedCalls("message/custom/send");
      assertThat(f.dlq.keys()).as("dead letters during the outage").isZero();
      f.sim.faults().clear();

      await()
          .atMost(outage.multipliedBy(3).plusMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> f.results.keys() >= commands);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      TextsPromise promise = TextsPromise.check(f, ids, run);
      new FaultReport(
              "7. WeChat 5xx/-1 outage",
              commands + " texts to " + USERS + " users, default retry settings",
              "every call 503 or -1 for " + outage.toSeconds() + " s (" + faulted + " calls)",
              commands,
              f.results.keys(),
              promise.lost(),
              promise.duplicates(),
              promise.results(),
              "all done " + took.toSeconds() + " s after the start")
          .write();
      assertThat(promise.statuses()).containsOnlyKeys(Status.SUCCEEDED);
      assertThat(promise.delivered()).isEqualTo(commands);
    }
  }
}
