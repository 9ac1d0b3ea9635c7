package io.wxrelay.worker.store;

import io.wxrelay.worker.menus.MenuKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.RedisClient;

/**
 * {@link MenuKeys} as one Redis hash per account, {@code <prefix>menukeys:<appid>}: a field per
 * menu, its keys sorted on lines (a key holds no line break: WeChat's keys are short codes). Kept
 * without a TTL: the menu lives until it is changed. A replace is one Lua script, not MULTI/EXEC:
 * the worker's ACL user runs scripts but has no {@code MULTI} (docs/security.md, "Redis").
 */
public final class RedisMenuKeys implements MenuKeys {
  /** Deletes the hash, then sets each (menu, keys) pair of ARGV: one atomic step. */
  private static final LuaScript REPLACE =
      new LuaScript(
          """
          redis.call('DEL', KEYS[1])
          for i = 1, #ARGV, 2 do
            redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
          end
          return #ARGV / 2
          """);

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
    List<String> pairs = new ArrayList<>();
    byMenu.forEach(
        (menu, keys) -> {
          pairs.add(menu);
          pairs.add(lines(keys));
        });
    REPLACE.run(redis, List.of(key(appid)), pairs);
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
