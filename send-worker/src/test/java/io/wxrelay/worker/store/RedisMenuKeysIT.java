package io.wxrelay.worker.store;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.menus.MenuKeys;
import io.wxrelay.worker.menus.MenuKeysContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** The menu keys' Redis hashes on a real Redis keep the contract. */
@ExtendWith(RealInfrastructure.class)
class RedisMenuKeysIT extends MenuKeysContract {
  private RedisEndpoint redis;
  private RedisClient client;
  private String prefix;

  @BeforeEach
  void connect(RedisEndpoint redis) {
    this.redis = redis;
    this.client = RedisClients.create(new RedisSettings(redis.url(), 4, Duration.ofSeconds(2)));
    this.prefix = redis.uniquePrefix("menukeys");
  }

  @AfterEach
  void clean() {
    redis.deleteUnder(prefix);
    client.close();
  }

  @Override
  protected MenuKeys keys() {
    return new RedisMenuKeys(client, prefix);
  }
}
