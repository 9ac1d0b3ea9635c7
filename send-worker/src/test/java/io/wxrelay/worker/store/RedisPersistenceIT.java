package io.wxrelay.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/** The worker tells whether the Redis it uses keeps an append-only file, as Redis says it. */
@ExtendWith(RealInfrastructure.class)
class RedisPersistenceIT {
  @Test
  void appendOnlyIsWhatRedisIsConfiguredWith(RedisEndpoint redis) {
    RedisSettings settings = new RedisSettings(redis.url(), 2, Duration.ofSeconds(2));
    try (RedisClient client = RedisClients.create(settings);
        RedisStores stores =
            RedisStores.connect(
                settings,
                redis.uniquePrefix("persistence"),
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                2)) {
      boolean configured =
          "yes"
              .equals(
                  client.sendCommand(Protocol.Command.CONFIG, "GET", "appendonly")
                              instanceof java.util.List<?> reply
                          && reply.size() == 2
                      ? new String((byte[]) reply.get(1), java.nio.charset.StandardCharsets.UTF_8)
                      : null);

      assertThat(stores.appendOnly()).isEqualTo(Optional.of(configured));
    }
  }
}
