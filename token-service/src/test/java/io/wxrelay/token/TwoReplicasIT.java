package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two replicas side by side over several token lifetimes, watched by a prober. */
@ExtendWith(RealInfrastructure.class)
class TwoReplicasIT {
  private static final Duration TTL = Duration.ofSeconds(4);
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final Map<String, String> SCALED =
      Map.of(
          "TOKEN_REFRESH_MARGIN",
          "1500ms",
          "TOKEN_STABLE_RENEW_WINDOW",
          "2s",
          "TOKEN_LOCK_LEASE",
          "6s");

  @ParameterizedTest(name = "{0} endpoint")
  @ValueSource(strings = {"stable", "classic"})
  void fetchOncePerCycleAndTheStoredTokenIsNeverRejected(String endpoint, RedisEndpoint redis)
      throws Exception {
    try (TokenFixture f = new TokenFixture(redis, TTL, WINDOW)) {
      f.replica(endpoint, SCALED);
      f.replica(endpoint, SCALED);
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(10)).until(() -> client.read(APPID).isPresent());

      List<String> rejections = new CopyOnWriteArrayList<>();
      Set<Long> generations = ConcurrentHashMap.newKeySet();
      long end = System.nanoTime() + Duration.ofSeconds(11).toNanos();
      while (System.nanoTime() < end) {
        AccessToken token = client.current(APPID);
        generations.add(token.generation());
        int errcode = f.probe(token.value());
        if (errcode != 0) {
          rejections.add("generation " + token.generation() + ": errcode " + errcode);
        }
        Thread.onSpinWait();
      }

      String api = endpoint.equals("stable") ? "stable_token" : "token";
      String counter = endpoint.equals("stable") ? "cgi-bin/stable_token" : "cgi-bin/token";
      long issued = f.sim.truth().tokensIssued(counter, APPID);
      long calls = f.sim.truth().calls(api, APPID);
      long lastGeneration = client.read(APPID).orElseThrow().generation();
      assertThat(rejections).as("the token in Redis was always accepted").isEmpty();
      assertThat(generations.size()).as("several cycles were watched").isGreaterThanOrEqualTo(4);
      assertThat(issued).as("one token per cycle").isEqualTo(lastGeneration);
      assertThat(calls).as("one upstream call per cycle, never two").isEqualTo(issued);
    }
  }

  @Test
  void onlyOneReplicaHoldsTheLockAtATime(RedisEndpoint redis) {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofSeconds(60), WINDOW)) {
      TokenService one = f.replica("stable", Map.of("TOKEN_REPLICA_ID", "one"));
      TokenService two = f.replica("stable", Map.of("TOKEN_REPLICA_ID", "two"));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> one.ready().get(APPID) && two.ready().get(APPID));

      assertThat(f.sim.truth().tokensIssued("cgi-bin/stable_token", APPID)).isEqualTo(1);
      assertThat(f.sim.truth().calls("stable_token", APPID)).isEqualTo(1);
    }
  }
}
