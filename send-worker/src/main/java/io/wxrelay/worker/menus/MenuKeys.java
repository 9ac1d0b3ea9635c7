package io.wxrelay.worker.menus;

import java.util.Map;
import java.util.Set;

/**
 * The click keys of each account's menus as wxrelay last saw them (after a menu command WeChat
 * accepted), by menu: {@link #DEFAULT} for the default menu, a conditional menu by its menuid.
 * Shared by every worker.
 */
public interface MenuKeys {
  /** The name of the default menu's entry. */
  String DEFAULT = "default";

  /** The keys of {@code menu} of {@code appid} are now {@code keys}. */
  void put(String appid, String menu, Set<String> keys);

  /** {@code menu} of {@code appid} is gone. */
  void remove(String appid, String menu);

  /** {@code appid}'s menus are now exactly {@code byMenu} (empty: none). */
  void replace(String appid, Map<String, Set<String>> byMenu);

  /** The keys of every known menu of {@code appid}, by menu. */
  Map<String, Set<String>> all(String appid);
}
