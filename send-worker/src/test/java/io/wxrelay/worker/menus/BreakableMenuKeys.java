package io.wxrelay.worker.menus;

import java.util.Map;
import java.util.Set;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/**
 * {@link MenuKeys} that a test can break: while {@link #broken} each call fails as Redis refuses a
 * command the ACL does not grant (NOPERM), otherwise it is the keys it wraps.
 */
public final class BreakableMenuKeys implements MenuKeys {
  private final MenuKeys keys;

  /** Whether every call fails now. */
  public volatile boolean broken;

  public BreakableMenuKeys(MenuKeys keys) {
    this.keys = keys;
  }

  @Override
  public void put(String appid, String menu, Set<String> menuKeys) {
    failIfBroken();
    keys.put(appid, menu, menuKeys);
  }

  @Override
  public void remove(String appid, String menu) {
    failIfBroken();
    keys.remove(appid, menu);
  }

  @Override
  public void replace(String appid, Map<String, Set<String>> byMenu) {
    failIfBroken();
    keys.replace(appid, byMenu);
  }

  @Override
  public Map<String, Set<String>> all(String appid) {
    failIfBroken();
    return keys.all(appid);
  }

  private void failIfBroken() {
    if (broken) {
      throw new JedisAccessControlException(
          "NOPERM this user has no permissions to access one of the keys used as arguments");
    }
  }
}
