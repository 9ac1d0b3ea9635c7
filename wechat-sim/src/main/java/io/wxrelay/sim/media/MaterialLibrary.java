package io.wxrelay.sim.media;

import io.wxrelay.sim.rules.WeChatError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Each account's permanent material library (docs/wechat-api.md §14): what material/add_material
 * made, by WeChat's four kinds, newest first, with a cap per kind (45074 once it is full). A
 * thumbnail counts as an image: get_materialcount has no thumb count and batchget_material no thumb
 * type. Drafts (draft/add) live in the draft box, not here, and temporary media never do. Material
 * marked in use (by an auto-reply or the menu, set through a control route) cannot be deleted
 * (48005). Thread-safe.
 */
public final class MaterialLibrary {
  /** WeChat's kinds of permanent material, with the caps its current pages give. */
  public enum Type {
    IMAGE(100_000),
    VOICE(1_000),
    VIDEO(1_000),
    NEWS(100_000);

    private final int defaultCap;

    Type(int defaultCap) {
      this.defaultCap = defaultCap;
    }

    /** The cap of a new account. */
    public int defaultCap() {
      return defaultCap;
    }

    /** WeChat's spelling: image, voice, video, news. */
    public String wechat() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The type WeChat spells {@code type}; 40004 for anything else. */
    public static Type of(String type) {
      for (Type t : values()) {
        if (t.wechat().equals(type)) {
          return t;
        }
      }
      throw WeChatError.INVALID_MEDIA_TYPE.exception();
    }
  }

  /** One material: its id, the file name it was uploaded with, when, and an image's URL. */
  public record Item(String mediaId, Type type, String name, long updateTime, String url) {}

  /** A page of one type's material: how many there are, and the page's items. */
  public record Page(int total, List<Item> items) {}

  private final Map<String, List<Item>> byApp = new HashMap<>();
  private final Map<String, Map<Type, Integer>> caps = new HashMap<>();
  private final Set<String> inUse = new HashSet<>();

  /**
   * Adds a material of {@code type} to {@code appid}'s library, its id made by {@code newId}; 45074
   * when that type is at its cap (nothing is made).
   */
  public synchronized Item add(
      String appid, Type type, String name, long at, String url, Supplier<String> newId) {
    if (count(appid, type) >= cap(appid, type)) {
      throw WeChatError.MATERIAL_LIMIT.exception();
    }
    Item item = new Item(newId.get(), type, name, at, url);
    items(appid).add(0, item);
    return item;
  }

  /** How many materials of each type {@code appid} holds. */
  public synchronized Map<Type, Integer> counts(String appid) {
    Map<Type, Integer> counts = new EnumMap<>(Type.class);
    for (Type type : Type.values()) {
      counts.put(type, count(appid, type));
    }
    return counts;
  }

  /** {@code count} items of {@code type} from {@code offset}, newest first. */
  public synchronized Page page(String appid, Type type, int offset, int count) {
    List<Item> all = items(appid).stream().filter(i -> i.type() == type).toList();
    int from = Math.min(offset, all.size());
    return new Page(all.size(), List.copyOf(all.subList(from, Math.min(all.size(), from + count))));
  }

  /**
   * Deletes {@code mediaId} from {@code appid}'s library: 40007 when it holds no such material,
   * 48005 when it is in use.
   */
  public synchronized void delete(String appid, String mediaId) {
    List<Item> items = items(appid);
    if (items.stream().noneMatch(i -> i.mediaId().equals(mediaId))) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    if (inUse.contains(mediaId)) {
      throw WeChatError.MATERIAL_IN_USE.exception();
    }
    items.removeIf(i -> i.mediaId().equals(mediaId));
  }

  /** Marks {@code mediaId} as used by an auto-reply or the menu ({@code used}), or not. */
  public synchronized void setInUse(String mediaId, boolean used) {
    if (used) {
      inUse.add(mediaId);
    } else {
      inUse.remove(mediaId);
    }
  }

  /** Sets {@code appid}'s cap of {@code type} (a test reaches it with a few uploads). */
  public synchronized void setCap(String appid, Type type, int cap) {
    if (cap < 0) {
      throw new IllegalArgumentException("a cap is 0 or more, not " + cap);
    }
    caps.computeIfAbsent(appid, a -> new EnumMap<>(Type.class)).put(type, cap);
  }

  /** {@code appid}'s cap of {@code type}. */
  public synchronized int cap(String appid, Type type) {
    return caps.getOrDefault(appid, Map.of()).getOrDefault(type, type.defaultCap());
  }

  private int count(String appid, Type type) {
    return (int) items(appid).stream().filter(i -> i.type() == type).count();
  }

  private List<Item> items(String appid) {
    return byApp.computeIfAbsent(appid, a -> new ArrayList<>());
  }
}
