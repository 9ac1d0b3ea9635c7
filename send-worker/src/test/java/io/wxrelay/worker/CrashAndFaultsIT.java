package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 customer-service messages through three worker processes while WeChat fails 10 % of the
 * calls (busy, HTTP 503, connection reset, answer lost) and one worker is killed with SIGKILL
 * halfway: every command ends in one terminal result, no user receives a message twice, and each
 * user receives their messages in the order they were written; a message whose fate could not be
 * known says UNKNOWN.
 */
@ExtendWith(RealInfrastructure.class)
class CrashAndFaultsIT {
  private static final int COMMANDS = 10_000;
  private static final int USERS = 100;

  @Test
  void everyCommandEndsOnceAndNothingIsDeliveredTwiceThoughFaultsAndAKilledWorker(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    SimRules rules = SimRules.wechat().withMessageWindowQuota(1_000_000);
    try (WorkerFixture f = new WorkerFixture(kafka, redis, rules, 6)) {
      f.sim.faults().configure("message/custom/send: rate=0.1; errors=-1,http503,reset,lost");
      // Backoff after a first failure is 25-50 ms: the longer half of those waits, and all later
      // ones, are parked on the retry topic, and their users' later messages wait behind them.
      Map<String, String> env = Map.of("WORKER_MAX_IN_FLIGHT", "500", "WORKER_PARK_AFTER", "40ms");
      List<ChildJvm> workers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        workers.add(f.childWorker(env));
      }
      String run = "load-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = f.sendTexts(run, COMMANDS, USERS);

      await().atMost(Duration.ofMinutes(2)).until(() -> distinctResults(f) >= COMMANDS / 2);
      workers.getFirst().kill9();
      try {
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> distinctResults(f) >= COMMANDS);
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            OpenCommands.report(f, ids, keys(f, ids)) + OpenCommands.logs(workers), e);
      }

      Map<String, Long> delivered = f.deliveredTexts(run);
      Map<Status, Integer> statuses = new EnumMap<>(Status.class);
      Map<Status, Integer> deliveredByStatus = new HashMap<>();
      for (String id : ids) {
        CommandResult result = f.result(id); // fails if two results of one command differ
        assertThat(result).as("result of %s", id).isNotNull();
        long times = delivered.getOrDefault(id, 0L);
        assertThat(times).as("deliveries of %s (%s)", id, result.status()).isLessThanOrEqualTo(1);
        if (result.status() == Status.SUCCEEDED) {
          assertThat(times).as("deliveries of succeeded %s", id).isEqualTo(1);
        }
        if (result.status() == Status.FAILED || result.status() == Status.DEAD) {
          assertThat(times).as("deliveries of %s %s", result.status(), id).isZero();
        }
        statuses.merge(result.status(), 1, Integer::sum);
        deliveredByStatus.merge(result.status(), (int) times, Integer::sum);
      }
      assertEachUserGotTheirMessagesInOrder(f, run);
      int usersParked = usersWithParkedCommands(kafka, f);
      System.out.printf(
          "CrashAndFaultsIT: %d commands, results %s, delivered by status %s, faulted calls %d,"
              + " users with parked commands %d%n",
          COMMANDS,
          statuses,
          deliveredByStatus,
          f.sim.truth().faultedCalls("message/custom/send"),
          usersParked);
      assertThat(usersParked).as("users with commands parked on the retry topic").isPositive();
      assertThat(statuses.getOrDefault(Status.SUCCEEDED, 0)).isGreaterThan(COMMANDS * 8 / 10);
    }
  }

  /** Texts are {@code run-i}, user {@code i % users}: per user, what arrived has rising i. */
  private static void assertEachUserGotTheirMessagesInOrder(WorkerFixture f, String run) {
    Map<String, List<Integer>> byUser = new HashMap<>();
    for (Delivery d : f.sim.truth().deliveries(d -> d.text() != null && d.text().startsWith(run))) {
      byUser
          .computeIfAbsent(d.openid(), u -> new ArrayList<>())
          .add(Integer.parseInt(d.text().substring(run.length() + 1)));
    }
    assertThat(byUser).hasSize(USERS);
    byUser.forEach((user, sequence) -> assertThat(sequence).as("messages to %s", user).isSorted());
  }

  private static int usersWithParkedCommands(KafkaEndpoint kafka, WorkerFixture f)
      throws InterruptedException {
    try (TopicReader parked =
        new TopicReader(kafka.bootstrapServers(), f.topics.get(Topic.COMMANDS_RETRY))) {
      // It reads from the start: everything parked is there already. Done when the count of
      // users stops growing between two looks.
      AtomicInteger seen = new AtomicInteger(-1);
      return await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(500))
          .until(parked::keys, n -> n > 0 && n == seen.getAndSet(n));
    }
  }

  /** The record key of each of {@code ids}, as {@link WorkerFixture#sendTexts} keyed them. */
  private static Map<String, String> keys(WorkerFixture f, List<String> ids) {
    List<String> openids = f.sim.accounts().population(WorkerFixture.APPID).openids(USERS);
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      keys.put(ids.get(i), WorkerFixture.APPID + ":" + openids.get(i % USERS));
    }
    return keys;
  }

  private static long distinctResults(WorkerFixture f) {
    return f.results.keys(); // keyed by command id
  }
}
