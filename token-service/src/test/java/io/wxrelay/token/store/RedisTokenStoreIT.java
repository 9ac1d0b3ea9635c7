package io.wxrelay.token.store;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token store's Redis scripts on a real Redis keep the contract. */
@ExtendWith(RealInfrastructure.class)
class RedisTokenStoreIT extends TokenStoreContract {
  private RedisEndpoint redis;
  private String prefix;
  private RedisTokenStore store;

  @BeforeEach
  void connect(RedisEndpoint redis) {
    this.redis = redis;
    this.prefix = redis.uniquePrefix("tokens");
    this.store =
        RedisTokenStore.connect(new RedisSettings(redis.url(), 4, Duration.ofSeconds(2)), prefix);
  }

  @AfterEach
  void clean() {
    redis.deleteUnder(prefix);
    store.close();
  }

  @Override
  protected TokenStore store() {
    return store;
  }
}
