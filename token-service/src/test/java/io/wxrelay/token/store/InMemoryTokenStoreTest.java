package io.wxrelay.token.store;

import java.time.InstantSource;

/** The in-memory token store keeps the contract of the Redis one. */
class InMemoryTokenStoreTest extends TokenStoreContract {
  @Override
  protected TokenStore store() {
    return new InMemoryTokenStore(InstantSource.system());
  }
}
