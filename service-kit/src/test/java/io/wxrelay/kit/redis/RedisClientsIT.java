package io.wxrelay.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

@ExtendWith(RealInfrastructure.class)
class RedisClientsIT {

  @Test
  void aClientFromRedisUrlRoundTripsAValueWithItsExpiry(RedisEndpoint redis) {
    String key = redis.uniquePrefix("kit") + "greeting";

    try (RedisClient client = RedisClients.create(settings(redis, 4))) {
      client.set(key, "hello", SetParams.setParams().px(60_000));

      assertThat(client.get(key)).isEqualTo("hello");
      assertThat(client.pttl(key)).isBetween(1L, 60_000L);
      assertThat(client.del(key)).isEqualTo(1);
    }
  }

  @Test
  void manyThreadsShareOneClientThroughItsPool(RedisEndpoint redis) throws Exception {
    String key = redis.uniquePrefix("kit") + "counter";

    try (RedisClient client = RedisClients.create(settings(redis, 4));
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures =
          IntStream.range(0, 200).mapToObj(i -> threads.submit(() -> client.incr(key))).toList();
      for (var future : futures) {
        future.get();
      }

      assertThat(client.get(key)).isEqualTo("200");
      assertThat(client.getPool().getMaxTotal()).isEqualTo(4);
      client.del(key);
    }
  }

  private static RedisSettings settings(RedisEndpoint redis, int maxConnections) {
    return RedisSettings.fromEnv(
        Env.of(
            Map.of(
                "REDIS_URL", redis.url().toString(),
                "REDIS_POOL_MAX", Integer.toString(maxConnections))));
  }
}
