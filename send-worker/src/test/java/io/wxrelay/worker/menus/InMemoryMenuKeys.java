package io.wxrelay.worker.menus;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MenuKeys} in one process's memory, for unit tests; {@link MenuKeysContract} holds it and
 * the Redis one to the same behaviour.
 */
public final class InMemoryMenuKeys implements MenuKeys {
  private final Map<String, Map<String, Set<String>>> byApp = new ConcurrentHashMap<>();

  @Override
  public void put(String appid, String menu, Set<String> keys) {
    byApp.computeIfAbsent(appid, a -> new ConcurrentHashMap<>()).put(menu, Set.copyOf(keys));
  }

  @Override
  public void remove(String appid, String menu) {
    byApp.getOrDefault(appid, Map.of()).remove(menu);
  }

  @Override
  public void replace(String appid, Map<String, Set<String>> byMenu) {
    Map<String, Set<String>> menus = new ConcurrentHashMap<>();
    byMenu.forEach((menu, keys) -> menus.put(menu, Set.copyOf(keys)));
    byApp.put(appid, menus);
  }

  @Override
  public Map<String, Set<String>> all(String appid) {
    return new TreeMap<>(byApp.getOrDefault(appid, Map.of()));
  }
}
