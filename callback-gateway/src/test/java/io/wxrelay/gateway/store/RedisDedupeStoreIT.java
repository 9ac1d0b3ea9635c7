package io.wxrelay.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.store.DedupeStore.Claim;
import io.wxrelay.gateway.store.DedupeStore.SignatureUse;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * The dedupe store's round trips on a real Redis: a mark waits for a claim, a claim for nothing.
 */
@ExtendWith(RealInfrastructure.class)
@Timeout(60)
class RedisDedupeStoreIT {
  private static final Duration PENDING = Duration.ofSeconds(30);
  private static final Duration WINDOW = Duration.ofMinutes(5);

  @Test
  void aMarkGoesWithTheNextClaimInOrderAndAClaimWaitsForNoMark(RedisEndpoint redis)
      throws Exception {
    String prefix = redis.uniquePrefix("dedupe");
    // A long wait for marks: if a claim waited for anything, it would not be answered in time.
    try (RedisClient client = client(redis);
        RedisDedupeStore store =
            new RedisDedupeStore(client(redis), prefix, Duration.ofMinutes(1))) {
      assertThat(store.claim("event-1", PENDING, use("event-1")).get(5, TimeUnit.SECONDS))
          .isEqualTo(Claim.CLAIMED);
      assertThat(store.batches()).isEqualTo(1);

      store.done("event-1", WINDOW);
      assertThat(client.get(prefix + "event-1")).isEqualTo("pending"); // the mark waits

      // The same push again (WeChat's retry): its claim takes the mark along, after it.
      assertThat(store.claim("event-1", PENDING, use("event-1")).get(5, TimeUnit.SECONDS))
          .isEqualTo(Claim.DONE);
      assertThat(store.batches()).isEqualTo(2);
      assertThat(client.get(prefix + "event-1")).isEqualTo("done");
      assertThat(client.pttl(prefix + "event-1")).isGreaterThan(PENDING.toMillis());
    }
  }

  @Test
  void aMarkWithNoClaimAfterItGoesAloneOnceItsWaitIsOver(RedisEndpoint redis) throws Exception {
    String prefix = redis.uniquePrefix("dedupe");
    Duration wait = Duration.ofSeconds(1);
    try (RedisClient client = client(redis);
        RedisDedupeStore store = new RedisDedupeStore(client(redis), prefix, wait)) {
      assertThat(store.claim("event-1", PENDING, use("event-1")).get(5, TimeUnit.SECONDS))
          .isEqualTo(Claim.CLAIMED);

      long start = System.nanoTime();
      store.done("event-1", WINDOW);
      assertThat(client.get(prefix + "event-1")).isEqualTo("pending");

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(client.get(prefix + "event-1")).isEqualTo("done"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(wait);
      assertThat(store.batches()).isEqualTo(2);
    }
  }

  @Test
  void closingSendsTheMarksThatWaitForAClaim(RedisEndpoint redis) throws Exception {
    String prefix = redis.uniquePrefix("dedupe");
    try (RedisClient client = client(redis)) {
      RedisDedupeStore store = new RedisDedupeStore(client(redis), prefix, Duration.ofMinutes(1));
      assertThat(store.claim("event-1", PENDING, use("event-1")).get(5, TimeUnit.SECONDS))
          .isEqualTo(Claim.CLAIMED);
      store.done("event-1", WINDOW);
      assertThat(client.get(prefix + "event-1")).isEqualTo("pending");

      store.close();

      assertThat(client.get(prefix + "event-1")).isEqualTo("done");
    }
  }

  private static SignatureUse use(String event) {
    return new SignatureUse("sig:" + event, "body-of-" + event, WINDOW);
  }

  private static RedisClient client(RedisEndpoint redis) {
    return RedisClients.create(settings(redis));
  }

  private static RedisSettings settings(RedisEndpoint redis) {
    return new RedisSettings(redis.url(), 4, Duration.ofSeconds(5));
  }
}
