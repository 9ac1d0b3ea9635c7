package io.wxrelay.worker.store;

import io.wxrelay.worker.menus.MenuKeys;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.RedisClient;

/**
 * {@link MenuKeys} as one Redis hash per account, {@code <prefix>menukeys:<appid>}: a field per
 * menu, its keys sorted on lines (a key holds no line break: WeChat's keys are short codes). Kept
 * without a TTL: the menu lives until it is changed.
 */
public final class RedisMenuKeys implements MenuKeys {
  private final RedisClient redis;
  private final String prefix;

  public RedisMenuKeys(RedisClient redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public void put(String appid, String menu, Set<String> keys) {
    redis.hset(key(appid), menu, lines(keys));
  }

  @Override
  public void remove(String appid, String menu) {
    redis.hdel(key(appid), menu);
  }

  @Override
  public void replace(String appid, Map<String, Set<String>> byMenu) {
    try (AbstractTransaction multi = redis.multi()) {
      multi.del(key(appid));
      byMenu.forEach((menu, keys) -> multi.hset(key(appid), menu, lines(keys)));
      multi.exec();
    }
  }

  @Override
  public Map<String, Set<String>> all(String appid) {
    Map<String, Set<String>> all = new LinkedHashMap<>();
    new TreeMap<>(redis.hgetAll(key(appid)))
        .forEach(
            (menu, lines) ->
                all.put(
                    menu,
                    lines.isEmpty()
                        ? Set.of()
                        : new LinkedHashSet<>(Arrays.asList(lines.split("\n")))));
    return all;
  }

  private static String lines(Set<String> keys) {
    return String.join("\n", new TreeSet<>(keys));
  }

  private String key(String appid) {
    return prefix + "menukeys:" + appid;
  }
}
