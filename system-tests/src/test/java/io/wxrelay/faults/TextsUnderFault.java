package io.wxrelay.faults;

import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The worker scenarios' load: customer-service texts to 100 users through two worker processes, a
 * fault striking once a share of the results is in, then every result awaited and wxrelay's promise
 * checked ({@link TextsPromise}).
 */
final class TextsUnderFault {
  private static final int USERS = 100;

  /** A fault that strikes once, and returns when its infrastructure is back. */
  @FunctionalInterface
  interface Fault {
    void strike() throws Exception;
  }

  /** A fault that strikes the workers themselves (by their PIDs), and returns when it is over. */
  @FunctionalInterface
  interface WorkersFault {
    void strike(List<ChildJvm> workers) throws Exception;
  }

  /**
   * What the run counted.
   *
   * @param resultsAtTheStrike results on Kafka when the fault struck
   */
  record Outcome(int commands, long resultsAtTheStrike, long results, TextsPromise promise) {

    /** The scenario's row of the report. */
    FaultReport report(String scenario, String fault) {
      return new FaultReport(
          scenario,
          commands + " texts, 2 workers",
          fault,
          commands,
          results,
          promise.lost(),
          promise.duplicates(),
          promise.results(),
          "-");
    }
  }

  private TextsUnderFault() {}

  /** Runs {@code commands} texts, striking with {@code fault} at {@code share} of the results. */
  static Outcome run(WorkerFixture f, int commands, double share, Fault fault) throws Exception {
    return run(f, commands, share, Map.of(), workers -> fault.strike());
  }

  /**
   * As {@link #run(WorkerFixture, int, double, Fault)}, with {@code env} added to the workers' and
   * a fault that gets the two worker processes.
   */
  static Outcome run(
      WorkerFixture f, int commands, double share, Map<String, String> env, WorkersFault fault)
      throws Exception {
    Map<String, String> workerEnv = new HashMap<>(env);
    workerEnv.putIfAbsent("WORKER_MAX_IN_FLIGHT", "500");
    List<ChildJvm> workers = List.of(f.childWorker(workerEnv), f.childWorker(workerEnv));
    String run = "texts-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = f.sendTexts(run, commands, USERS);

    await()
        .atMost(Duration.ofMinutes(2).multipliedBy(Math.max(1, commands / 10_000)))
        .until(() -> f.results.keys() >= commands * share);
    long atTheStrike = f.results.keys();
    fault.strike(workers);
    Duration recovery = Duration.ofMinutes(4).multipliedBy(Math.max(1, commands / 10_000));
    try {
      await()
          .atMost(recovery)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> f.results.keys() >= commands);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(notRecovered(f, commands, atTheStrike, recovery, workers), e);
    }
    return new Outcome(commands, atTheStrike, f.results.keys(), TextsPromise.check(f, ids, run));
  }

  /**
   * What a run that did not recover shows: the results counted, and each worker's state and last
   * lines (their output files go when the test closes them).
   */
  private static String notRecovered(
      WorkerFixture f, int commands, long atTheStrike, Duration recovery, List<ChildJvm> workers) {
    StringBuilder why =
        new StringBuilder(
            String.format(
                "%d of %d results %d minutes after the fault (%d when it struck)",
                f.results.keys(), commands, recovery.toMinutes(), atTheStrike));
    for (ChildJvm worker : workers) {
      why.append(
          String.format(
              "%n--- worker %d (%s), last lines:%n%s",
              worker.pid(), worker.alive() ? "running" : "exited", worker.outputTail(60)));
    }
    return why.toString();
  }
}
