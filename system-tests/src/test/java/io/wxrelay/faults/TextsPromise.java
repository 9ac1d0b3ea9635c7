package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.WorkerFixture;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * wxrelay's promise over a run of customer-service texts, checked with the simulator's truth and
 * the results topic: every command has one terminal result; no user got a text twice; a SUCCEEDED
 * text arrived once, a FAILED or DEAD one never; only UNKNOWN may have arrived or not.
 *
 * @param statuses the results by status
 * @param delivered texts that reached their user
 * @param duplicates deliveries beyond the first (always 0 once checked)
 * @param lost commands without a result (always 0 once checked)
 */
record TextsPromise(Map<Status, Integer> statuses, long delivered, long duplicates, long lost) {

  /** Checks the promise for {@code ids}, whose texts start with {@code run}; fails if broken. */
  static TextsPromise check(WorkerFixture f, List<String> ids, String run) {
    Map<String, Long> deliveries = f.deliveredTexts(run);
    Map<Status, Integer> statuses = new EnumMap<>(Status.class);
    long delivered = 0;
    long duplicates = 0;
    long lost = 0;
    for (String id : ids) {
      CommandResult result = f.result(id); // fails when two results of one command differ
      long times = deliveries.getOrDefault(id, 0L);
      delivered += Math.min(times, 1);
      duplicates += Math.max(0, times - 1);
      if (result == null) {
        lost++;
        continue;
      }
      statuses.merge(result.status(), 1, Integer::sum);
      if (result.status() == Status.UNKNOWN) {
        System.out.printf("UNKNOWN %s (delivered %d): %s%n", id, times, result.reason());
      }
      switch (result.status()) {
        case SUCCEEDED -> assertThat(times).as("deliveries of succeeded %s", id).isEqualTo(1);
        case FAILED, DEAD ->
            assertThat(times).as("deliveries of %s %s", result.status(), id).isZero();
        default ->
            assertThat(times).as("deliveries of %s %s", result.status(), id).isLessThanOrEqualTo(1);
      }
    }
    assertThat(lost).as("commands without a result").isZero();
    return new TextsPromise(statuses, delivered, duplicates, lost);
  }

  /** The results column of the report. */
  String results() {
    return FaultReport.statuses(statuses);
  }
}
