package io.wxrelay.sim.tags;

import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.rules.WeChatError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One account's user tags (docs/wechat-api.md §8): names and ids here, membership on the users of
 * the account's {@link Population}. Thread-safe: every method holds this store's lock, and changes
 * of membership happen under it, so a tag cannot be deleted while it is being handed out.
 */
public final class TagStore {
  /** 星标组, the system tag that tags/get always lists. */
  public static final int STAR_TAG = 2;

  /** Tags one user can carry (45059 over it). */
  public static final int MAX_TAGS_PER_USER = 20;

  private static final Set<Integer> SYSTEM_TAGS = Set.of(0, 1, STAR_TAG);
  private static final int FIRST_ID = 100;
  private static final int MAX_TAGS = 100;
  private static final int MAX_NAME_BYTES = 30;
  private static final int MAX_DELETABLE_MEMBERS = 100_000;

  /** A tag as tags/get lists it; {@code count} is the number of followers carrying it. */
  public record Tag(int id, String name, int count) {}

  private final Population population;
  private final TreeMap<Integer, String> names = new TreeMap<>();
  private int nextId;

  /** The store of {@code population}'s account, holding every tag its users already carry. */
  public TagStore(Population population) {
    this.population = population;
    names.put(STAR_TAG, "星标组");
    population.tagIds().forEach(id -> names.putIfAbsent(id, "tag" + id));
    nextId = Math.max(FIRST_ID, names.lastKey() + 1);
  }

  /** A new tag named {@code name}: 45157 duplicate or empty, 45158 too long, 45056 too many. */
  public synchronized Tag create(String name) {
    checkName(name, null);
    if (names.keySet().stream().filter(id -> !SYSTEM_TAGS.contains(id)).count() >= MAX_TAGS) {
      throw WeChatError.TOO_MANY_TAGS.exception();
    }
    int id = nextId++;
    names.put(id, name);
    return new Tag(id, name, 0);
  }

  /** Renames tag {@code id}. */
  public synchronized void update(int id, String name) {
    checkChangeable(id);
    checkName(name, id);
    names.put(id, name);
  }

  /** Deletes tag {@code id} and takes it off its followers (45057 with over 100,000 of them). */
  public synchronized void delete(int id) {
    checkChangeable(id);
    if (population.tagCounts().getOrDefault(id, 0) > MAX_DELETABLE_MEMBERS) {
      throw WeChatError.TAG_TOO_BIG.exception();
    }
    names.remove(id);
    population.removeTag(id);
  }

  /** Every tag with its follower count, by id. */
  public synchronized List<Tag> list() {
    Map<Integer, Integer> counts = population.tagCounts();
    List<Tag> tags = new ArrayList<>();
    names.forEach((id, name) -> tags.add(new Tag(id, name, counts.getOrDefault(id, 0))));
    return tags;
  }

  public synchronized boolean exists(int id) {
    return names.containsKey(id);
  }

  /** Tags the followers among {@code openids}; 45159 for an unknown tag, 45059 over 20 tags. */
  public synchronized Population.Tagging tag(List<String> openids, int id) {
    checkExists(id);
    Population.Tagging result = population.tag(openids, id, MAX_TAGS_PER_USER);
    if (result.overLimit()) {
      throw WeChatError.USER_TAG_LIMIT.exception();
    }
    return result;
  }

  /** Untags the followers among {@code openids}; returns the OpenIDs that are not followers. */
  public synchronized List<String> untag(List<String> openids, int id) {
    checkExists(id);
    return population.untag(openids, id);
  }

  /** 45159 unless tag {@code id} exists. */
  public synchronized void checkExists(int id) {
    if (!names.containsKey(id)) {
      throw WeChatError.INVALID_TAG_ID.exception();
    }
  }

  private void checkChangeable(int id) {
    if (SYSTEM_TAGS.contains(id)) {
      throw WeChatError.SYS_TAG.exception();
    }
    checkExists(id);
  }

  /**
   * WeChat's page says "30个字符以内" while its 45158 text says 30 bytes; the simulator takes the
   * stricter reading, 30 UTF-8 bytes (ten Chinese characters).
   */
  private void checkName(String name, Integer self) {
    if (name == null || name.isEmpty()) {
      throw WeChatError.INVALID_TAG_NAME.exception();
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw WeChatError.TAG_NAME_TOO_LONG.exception();
    }
    for (Map.Entry<Integer, String> e : names.entrySet()) {
      if (e.getValue().equals(name) && !e.getKey().equals(self)) {
        throw WeChatError.INVALID_TAG_NAME.exception();
      }
    }
  }
}
