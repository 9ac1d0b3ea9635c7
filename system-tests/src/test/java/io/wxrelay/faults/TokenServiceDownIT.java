package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.testkit.KafkaEndpoint;
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
 * Scenario 6: token-service down past its token's expiry (tokens live 20 s here), then back:
 * commands written meanwhile wait for a token, none is DEAD, and all are delivered once a new token
 * is there.
 */
@ExtendWith(RealInfrastructure.class)
class TokenServiceDownIT {
  private static final Duration TOKEN_TTL = Duration.ofSeconds(20);
  private static final int USERS = 50;

  @Test
  void commandsWaitForATokenAndNoneIsDead(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    int commands = FaultReport.scaled(500);
    try (WorkerFixture f =
        WorkerFixture.shortLivedTokens(kafka, redis, TOKEN_TTL, Duration.ofSeconds(5), Map.of())) {
      f.childWorker(Map.of());
      String warm = "warm-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> warmIds = f.sendTexts(warm, 20, USERS);
      await().atMost(Duration.ofMinutes(1)).until(() -> warmIds.stream().allMatch(f.results::has));

      f.stopTokenService();
      long down = System.nanoTime();
      // Past the last token's expiry: it was fetched at most TOKEN_TTL ago.
      LockSupport.parkNanos(TOKEN_TTL.plusSeconds(2).toNanos());
      String run = "tokenless-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = f.sendTexts(run, commands, USERS);
      LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
      long doneWithoutToken = ids.stream().filter(f.results::has).count();
      f.startTokenService();
      Duration outage = Duration.ofNanos(System.nanoTime() - down);

      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> ids.stream().allMatch(f.results::has));
      TextsPromise promise = TextsPromise.check(f, ids, run);
      new FaultReport(
              "6. token-service down past expiry",
              commands + " texts written while it is down",
              "token-service down "
                  + outage.toSeconds()
                  + " s (tokens live "
                  + TOKEN_TTL.toSeconds()
                  + " s)",
              commands,
              ids.stream().filter(f.results::has).count(),
              promise.lost(),
              promise.duplicates(),
              promise.results(),
              "-")
          .write();
      assertThat(doneWithoutToken).as("commands that ended without a token").isZero();
      assertThat(promise.statuses()).containsOnlyKeys(Status.SUCCEEDED);
    }
  }
}
