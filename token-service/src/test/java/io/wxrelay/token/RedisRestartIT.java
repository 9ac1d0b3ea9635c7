package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.OwnRedis;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redis restarts empty: one fetch later the token is back for replicas and clients. */
class RedisRestartIT {

  @Test
  void anEmptyRedisIsRefilledWithOneFetch() throws Exception {
    try (OwnRedis redis = OwnRedis.start(false);
        TokenFixture f =
            new TokenFixture(
                redis.url().toString(), "restart:", Duration.ofHours(2), Duration.ofMinutes(5))) {
      f.replica("stable", Map.of());
      f.replica("stable", Map.of());
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(10)).until(() -> client.read(APPID).isPresent());
      String before = client.current(APPID).value();

      redis.kill9();
      redis.startAgain();
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(() -> client.read(APPID).isPresent());

      assertThat(f.sim.truth().calls("stable_token", APPID))
          .as("one fetch before, one after")
          .isEqualTo(2);
      assertThat(client.current(APPID).value())
          .as("a stable token survives: WeChat hands back the same one")
          .isEqualTo(before);
      assertThat(f.probe(client.current(APPID).value())).isZero();
    }
  }
}
