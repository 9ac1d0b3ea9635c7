package io.wxrelay.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.SetParams;

@ExtendWith(RealInfrastructure.class)
class RedisPoolsIT {

  @Test
  void aPoolFromRedisUrlRoundTripsAValueWithItsExpiry(RedisEndpoint redis) {
    String key = redis.uniquePrefix("kit") + "greeting";
    RedisSettings settings =
        RedisSettings.fromEnv(Env.of(Map.of("REDIS_URL", redis.url().toString())));

    try (JedisPool pool = RedisPools.create(settings)) {
      try (Jedis jedis = pool.getResource()) {
        jedis.set(key, "hello", SetParams.setParams().px(60_000));
      }
      try (Jedis other = pool.getResource()) {
        assertThat(other.get(key)).isEqualTo("hello");
        assertThat(other.pttl(key)).isBetween(1L, 60_000L);
        assertThat(other.del(key)).isEqualTo(1);
      }
    }
  }
}
