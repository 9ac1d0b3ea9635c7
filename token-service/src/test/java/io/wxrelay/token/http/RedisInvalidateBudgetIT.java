package io.wxrelay.token.http;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.token.store.InvalidateBudget;
import io.wxrelay.token.store.RedisInvalidateBudget;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** The invalidate budget's Lua script on a real Redis keeps the contract. */
@ExtendWith(RealInfrastructure.class)
class RedisInvalidateBudgetIT extends InvalidateBudgetContract {
  private RedisEndpoint redis;
  private String prefix;
  private RedisClient client;

  @BeforeEach
  void connect(RedisEndpoint redis) {
    this.redis = redis;
    this.prefix = redis.uniquePrefix("api-budget");
    this.client = RedisClients.create(new RedisSettings(redis.url(), 4, Duration.ofSeconds(2)));
  }

  @AfterEach
  void clean() {
    redis.deleteUnder(prefix);
    client.close();
  }

  @Override
  protected InvalidateBudget budget(MovableClock clock) {
    return new RedisInvalidateBudget(client, prefix, clock);
  }
}
