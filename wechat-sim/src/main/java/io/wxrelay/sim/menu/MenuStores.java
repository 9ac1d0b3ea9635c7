package io.wxrelay.sim.menu;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.Follower;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The {@link MenuStore} of every account, made when first needed; menuids unique across them. */
public final class MenuStores {
  private static final long FIRST_MENUID = 208_396_938L;
  private static final long IDS_PER_ACCOUNT = 1_000_000L;

  private final Accounts accounts;
  private final Map<String, MenuStore> stores = new ConcurrentHashMap<>();
  private final AtomicLong nextBase = new AtomicLong(FIRST_MENUID);

  public MenuStores(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The menus of {@code appid}'s account. */
  public MenuStore of(String appid) {
    return stores.computeIfAbsent(appid, a -> new MenuStore(nextBase.getAndAdd(IDS_PER_ACCOUNT)));
  }

  /**
   * The menu {@code openid} sees in {@code appid}'s chat.
   *
   * @throws IllegalArgumentException when the user does not follow, or the account has no menu
   */
  public MenuStore.Menu menuOf(String appid, String openid) {
    Follower.View user =
        accounts
            .population(appid)
            .view(openid)
            .filter(Follower.View::following)
            .orElseThrow(() -> new IllegalArgumentException(openid + " does not follow " + appid));
    return of(appid)
        .menuFor(user.tags())
        .orElseThrow(() -> new IllegalArgumentException(appid + " has no menu"));
  }
}
