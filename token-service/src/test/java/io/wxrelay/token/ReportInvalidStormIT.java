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

/** Three worker processes × 200 callers report one generation invalid: one upstream fetch. */
@ExtendWith(RealInfrastructure.class)
class ReportInvalidStormIT {

  @Test
  void aStormOfReportsOfOneGenerationCausesExactlyOneFetch(RedisEndpoint redis) throws Exception {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      f.replica("classic", Map.of());
      f.replica("classic", Map.of());
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(10)).until(() -> client.read(APPID).isPresent());
      long generation = client.read(APPID).orElseThrow().generation();
      long callsBefore = f.sim.truth().calls("token", APPID);

      for (ChildJvm worker : Storm.run(f, generation, 3, 200)) {
        assertThat(worker.output()).contains("ok=200 generations=[" + (generation + 1) + "]");
      }

      assertThat(f.sim.truth().calls("token", APPID) - callsBefore)
          .as("upstream fetches")
          .isEqualTo(1);
      assertThat(client.read(APPID).orElseThrow().generation()).isEqualTo(generation + 1);
    }
  }
}
