package io.wxrelay.sim.tags;

import io.wxrelay.sim.account.Accounts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link TagStore} of every account, made when first needed. */
public final class TagStores {
  private final Accounts accounts;
  private final Map<String, TagStore> stores = new ConcurrentHashMap<>();

  public TagStores(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The tags of {@code appid}'s account. */
  public TagStore of(String appid) {
    return stores.computeIfAbsent(appid, a -> new TagStore(accounts.population(a)));
  }
}
