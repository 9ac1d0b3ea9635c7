package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** The replica holding the refresh lock is killed with SIGKILL mid-refresh. */
@ExtendWith(RealInfrastructure.class)
class LockHolderKilledIT {
  private static final Map<String, String> SLOW =
      Map.of("TOKEN_LOCK_LEASE", "4s", "TOKEN_UPSTREAM_TIMEOUT", "3s");

  @Test
  void anotherReplicaCompletesTheRefreshOnceTheLeaseEnds(RedisEndpoint redis) throws Exception {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5));
        RedisClient peek = RedisClient.create(redis.url())) {
      f.sim.faults().configure("stable_token: latency=2s");
      ChildJvm holder =
          f.closeLater(
              ChildJvm.start(
                  TokenServiceMain.class,
                  f.env("stable", with(SLOW, "TOKEN_REPLICA_ID", "doomed"))));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "doomed".equals(peek.get(f.prefix + "lock:" + APPID)));

      holder.kill9(); // mid-refresh: the lock stays until its lease ends
      long killedAt = System.nanoTime();
      f.replica("stable", with(SLOW, "TOKEN_REPLICA_ID", "survivor"));
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(15)).until(() -> client.read(APPID).isPresent());
      Duration recovered = Duration.ofNanos(System.nanoTime() - killedAt);

      assertThat(client.read(APPID).orElseThrow().generation()).isEqualTo(1);
      assertThat(recovered)
          .as("lease (4 s) + one slow fetch (2 s), with room for a loaded machine")
          .isLessThan(Duration.ofSeconds(10));
      assertThat(f.probe(client.current(APPID).value())).isZero();
    }
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    var map = new java.util.HashMap<>(base);
    map.put(key, value);
    return map;
  }
}
