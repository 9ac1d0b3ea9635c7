package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker stopped with SIGTERM in the middle of a run drains: its running commands finish, their
 * offsets are committed, the rest goes to the other worker. Nothing ends UNKNOWN and nothing is
 * delivered twice, unlike after a kill -9 (CrashAndFaultsIT).
 */
@ExtendWith(RealInfrastructure.class)
class GracefulStopIT {
  private static final int COMMANDS = 3000;

  @Test
  void aStoppedWorkerFinishesWhatItStartedAndHandsOverTheRest(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    SimRules rules = SimRules.wechat().withMessageWindowQuota(1_000_000);
    try (WorkerFixture f = new WorkerFixture(kafka, redis, rules, 6)) {
      f.sim.faults().configure("message/custom/send: latency=20ms..60ms");
      String run = "stop-" + UUID.randomUUID().toString().substring(0, 8);

      Stopped stopped = stopOneOfTwoWorkers(f, Map.of(), run, COMMANDS, COMMANDS / 3);

      assertEachSucceededOnce(f, stopped.ids(), run);
      assertThat(stopped.worker().output()).contains("closed consumers");
    }
  }

  /**
   * WeChat answers just under the call timeout (2–2.5 s of 3 s): the stopping worker lets every
   * call in flight finish and records its result, stops the waiting records without a call, and the
   * next worker publishes nothing twice (it finds which record published each stored result).
   * Before, the drain cut calls and ledger writes ("Closed by interrupt"), and the records done
   * after an unfinished one were processed again and their results published a second time.
   */
  @Test
  void aStopWhileWeChatAnswersJustUnderTheCallTimeoutCutsNoCallAndPublishesEachResultOnce(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    SimRules rules = SimRules.wechat().withMessageWindowQuota(1_000_000);
    try (WorkerFixture f = new WorkerFixture(kafka, redis, rules, 6)) {
      f.sim.faults().configure("message/custom/send: latency=2000ms..2500ms");
      // The least drain bound (1 s + 3 s + 2 s) and claim lease (twice 1 s + 3 s) the worker
      // accepts for this call timeout.
      Map<String, String> slow =
          Map.of(
              "WECHAT_CALL_TIMEOUT",
              "3s",
              "WORKER_DRAIN_TIMEOUT",
              "6s",
              "WORKER_CLAIM_LEASE",
              "8s");
      String run = "slow-" + UUID.randomUUID().toString().substring(0, 8);

      Stopped stopped = stopOneOfTwoWorkers(f, slow, run, 600, 120);

      assertEachSucceededOnce(f, stopped.ids(), run);
      assertThat(stopped.worker().output())
          .contains("closed consumers")
          .doesNotContain("in a WeChat call; interrupted")
          .doesNotContain("Closed by interrupt")
          .doesNotContainPattern("handling .* failed");
    }
  }

  private record Stopped(ChildJvm worker, List<String> ids) {}

  /**
   * Two workers with {@code env} share {@code commands} texts of {@code run}; once {@code
   * stopAfter} results are out, one is stopped with SIGTERM; returns when every command has a
   * result.
   */
  private static Stopped stopOneOfTwoWorkers(
      WorkerFixture f, Map<String, String> env, String run, int commands, int stopAfter)
      throws Exception {
    ChildJvm stopped = f.childWorker(env);
    f.childWorker(env);
    List<String> ids = f.sendTexts(run, commands, 100);
    await().atMost(Duration.ofSeconds(60)).until(() -> f.results.keys() >= stopAfter);
    stopped.terminate();
    // 143 = 128 + SIGTERM: the JVM's exit code after its shutdown hooks ran.
    assertThat(stopped.waitFor(30)).as("exit code of the stopped worker").isEqualTo(143);
    await().atMost(Duration.ofSeconds(90)).until(() -> ids.stream().allMatch(f.results::has));
    return new Stopped(stopped, ids);
  }

  /** Every command SUCCEEDED, its result published once, its text delivered once. */
  private static void assertEachSucceededOnce(WorkerFixture f, List<String> ids, String run) {
    Map<String, Long> delivered = f.deliveredTexts(run);
    assertThat(ids)
        .allSatisfy(
            id -> {
              assertThat(f.resultsOf(id)).as("results of %s", id).hasSize(1);
              CommandResult result = f.result(id);
              assertThat(result.status())
                  .as("%s (%s: %s)", id, result.errmsg(), result.reason())
                  .isEqualTo(Status.SUCCEEDED);
              assertThat(delivered.get(id)).as("deliveries of %s", id).isEqualTo(1);
            });
  }
}
