package io.wxrelay.worker.menus;

/** The in-memory menu keys keep the contract the Redis ones keep. */
class InMemoryMenuKeysTest extends MenuKeysContract {
  @Override
  protected MenuKeys keys() {
    return new InMemoryMenuKeys();
  }
}
