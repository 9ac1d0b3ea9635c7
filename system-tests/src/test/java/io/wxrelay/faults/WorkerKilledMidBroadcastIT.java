package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.WorkerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5: a worker {@code kill -9}ed in the middle of multi-chunk broadcasts (to 21,000
 * followers: three chunks each, each chunk call taking a second at WeChat). Another worker carries
 * them out again from their first chunk under the same clientmsgids, and WeChat's dedupe keeps
 * every follower from getting a broadcast twice: each chunk is delivered once, and every broadcast
 * SUCCEEDED.
 */
@ExtendWith(RealInfrastructure.class)
class WorkerKilledMidBroadcastIT {
  private static final int FOLLOWERS =
      21_000; // three chunks of 7,000; the command stays under 1 MB

  @Test
  void eachChunkIsDeliveredOnce(KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    // WeChat lets a service account reach a follower with 4 broadcasts a month.
    int broadcasts = Math.min(4, FaultReport.scaled(3));
    SimRules rules = SimRules.wechat().withClientmsgidRetryGap(Duration.ofSeconds(2));
    try (WorkerFixture f =
        new WorkerFixture(kafka, redis, rules, 3, FOLLOWERS, List.of(WorkerFixture.APPID))) {
      f.sim.faults().configure("message/mass/send: latency=1000ms");
      Map<String, String> env = Map.of("WORKER_CLIENTMSGID_RETRY_GAP", "2s");
      ChildJvm doomed = f.childWorker(env);
      String run = "mass-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = sendBroadcasts(f, run, broadcasts);
      long callsBeforeTheKill = killMidBroadcast(f, doomed);
      f.childWorker(env);
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> ids.stream().allMatch(f.results::has));
      // WeChat delivers a broadcast a moment after it accepted it.
      await().atMost(Duration.ofSeconds(30)).until(() -> chunks(f, run).size() == broadcasts * 3);

      Map<String, Long> perChunk = chunks(f, run);
      Map<Status, Integer> statuses = statuses(f, ids);
      long deliveries = perChunk.values().stream().mapToLong(Long::longValue).sum();
      long twice = followersWhoGotAChunkTwice(f, run);
      new FaultReport(
              "5. worker kill -9 mid-broadcast",
              broadcasts + " broadcasts to " + FOLLOWERS + " followers (3 chunks each)",
              "the worker kill -9 with chunk 2 of 3 at WeChat ("
                  + callsBeforeTheKill
                  + " chunk calls made), a new worker started",
              broadcasts,
              ids.stream().filter(f.results::has).count(),
              0,
              twice,
              FaultReport.statuses(statuses),
              "-")
          .write();
      assertThat(twice).as("followers who got one chunk twice").isZero();
      assertThat(perChunk).hasSize(broadcasts * 3);
      assertThat(deliveries).isEqualTo((long) broadcasts * FOLLOWERS);
      assertThat(statuses).containsOnlyKeys(Status.SUCCEEDED);
    }
  }

  /** {@code broadcasts} text broadcasts to every follower, ids {@code run-0}, {@code run-1}, … */
  private static List<String> sendBroadcasts(WorkerFixture f, String run, int broadcasts) {
    List<String> users = f.sim.accounts().population(WorkerFixture.APPID).openids(FOLLOWERS);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < broadcasts; i++) {
      String id = run + "-" + i;
      ids.add(id);
      f.send(EventType.MASS_SEND, id, new MassSend(users, MassMessage.text(id), null));
    }
    f.flush();
    return ids;
  }

  /** Kills the worker mid-broadcast; returns the chunk calls WeChat had by then. */
  private static long killMidBroadcast(WorkerFixture f, ChildJvm doomed)
      throws InterruptedException {
    // The first broadcast's first chunk is accepted and its second is at WeChat: mid-broadcast.
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> f.sim.truth().calls("message/mass/send", WorkerFixture.APPID) >= 2);
    doomed.kill9();
    return f.sim.truth().calls("message/mass/send", WorkerFixture.APPID);
  }

  private static Map<Status, Integer> statuses(WorkerFixture f, List<String> ids) {
    Map<Status, Integer> statuses = new EnumMap<>(Status.class);
    for (String id : ids) {
      CommandResult result = f.result(id);
      statuses.merge(result.status(), 1, Integer::sum);
    }
    return statuses;
  }

  /** Followers who got a chunk (a clientmsgid) of {@code run}'s broadcasts more than once. */
  private static long followersWhoGotAChunkTwice(WorkerFixture f, String run) {
    return f.sim.truth().deliveries(d -> d.text() != null && d.text().startsWith(run)).stream()
        .collect(
            Collectors.groupingBy(d -> d.clientmsgid() + "/" + d.openid(), Collectors.counting()))
        .values()
        .stream()
        .filter(n -> n > 1)
        .count();
  }

  /** Deliveries per chunk (its clientmsgid) of the broadcasts of {@code run}. */
  private static Map<String, Long> chunks(WorkerFixture f, String run) {
    return f.sim.truth().deliveries(d -> d.text() != null && d.text().startsWith(run)).stream()
        .collect(Collectors.groupingBy(Delivery::clientmsgid, Collectors.counting()));
  }
}
