package io.wxrelay.sim.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The users of one account. Thread-safe: every method holds this population's lock. */
public final class Population {
  /** subscribe_time of users that exist from the start (generated or seeded). */
  public static final Instant FOLLOWING_SINCE = Instant.parse("2024-01-01T00:00:00Z");

  /** The outcome of tagging: the OpenIDs that are not followers, or that one went over 20 tags. */
  public record Tagging(List<String> failed, boolean overLimit) {}

  private final Map<String, Follower> byOpenid = new LinkedHashMap<>();

  /**
   * {@code count} following users spread over {@code tagCount} tags (ids 100, 101, ...), with
   * OpenIDs that are stable for an appid: the same seed gives the same users.
   */
  public static Population generate(String appid, int count, int tagCount) {
    Population population = new Population();
    String stem = "o" + Integer.toHexString(appid.hashCode() & 0xfffff);
    for (int i = 0; i < count; i++) {
      Set<Integer> tags = tagCount == 0 ? Set.of() : Set.of(100 + i % tagCount);
      population.add(String.format("%s_%07d", stem, i), true, tags);
    }
    return population;
  }

  public synchronized Follower add(String openid, boolean following, Set<Integer> tags) {
    return byOpenid.computeIfAbsent(
        openid, id -> new Follower(id, following, tags, following ? FOLLOWING_SINCE : null));
  }

  public synchronized Optional<Follower> find(String openid) {
    return Optional.ofNullable(byOpenid.get(openid));
  }

  /** A copy of what is known about {@code openid}, if the account knows the user. */
  public synchronized Optional<Follower.View> view(String openid) {
    return Optional.ofNullable(byOpenid.get(openid)).map(Follower::view);
  }

  public synchronized int size() {
    return byOpenid.size();
  }

  /** Following users, all or in {@code tagId}. */
  public synchronized List<String> following(Integer tagId) {
    List<String> result = new ArrayList<>();
    for (Follower f : byOpenid.values()) {
      if (f.following() && (tagId == null || f.hasTag(tagId))) {
        result.add(f.openid());
      }
    }
    return result;
  }

  /** The first {@code n} OpenIDs, for tests and demos. */
  public synchronized List<String> openids(int n) {
    return byOpenid.keySet().stream().limit(n).toList();
  }

  /**
   * The user follows (a new user is created); opens a follow window. Returns whether they were new.
   */
  public synchronized boolean follow(String openid, Instant now, Duration window, int quota) {
    return follow(openid, now, window, quota, null);
  }

  /** {@link #follow(String, Instant, Duration, int)} through a QR code of {@code qrScene}. */
  public synchronized boolean follow(
      String openid, Instant now, Duration window, int quota, String qrScene) {
    Follower f = add(openid, false, Set.of());
    boolean wasFollowing = f.following();
    f.follow(true);
    f.openWindow(now, window, quota);
    if (!wasFollowing) {
      f.followedAt(now, qrScene);
    }
    return !wasFollowing;
  }

  /**
   * Up to {@code limit} following users (in {@code tagId}, or all) in a stable order, starting
   * after {@code after} (null or empty: from the start); empty when {@code after} is not a known
   * user.
   */
  public synchronized Optional<List<String>> followingAfter(
      Integer tagId, String after, int limit) {
    boolean started = after == null || after.isEmpty();
    if (!started && !byOpenid.containsKey(after)) {
      return Optional.empty();
    }
    List<String> page = new ArrayList<>();
    for (Follower f : byOpenid.values()) {
      if (page.size() >= limit) {
        break;
      }
      if (started && f.following() && (tagId == null || f.hasTag(tagId))) {
        page.add(f.openid());
      }
      started = started || f.openid().equals(after);
    }
    return Optional.of(page);
  }

  /** Following users per tag id. */
  public synchronized Map<Integer, Integer> tagCounts() {
    Map<Integer, Integer> counts = new HashMap<>();
    for (Follower f : byOpenid.values()) {
      if (f.following()) {
        f.tags().forEach(t -> counts.merge(t, 1, Integer::sum));
      }
    }
    return counts;
  }

  /** Every tag id some user carries. */
  public synchronized Set<Integer> tagIds() {
    Set<Integer> ids = new HashSet<>();
    byOpenid.values().forEach(f -> ids.addAll(f.tags()));
    return ids;
  }

  /**
   * Tags the followers among {@code openids} with {@code tagId} (again is a no-op). Nothing is
   * tagged when one of them would then carry more than {@code maxTags}.
   */
  public synchronized Tagging tag(List<String> openids, int tagId, int maxTags) {
    List<String> failed = new ArrayList<>();
    List<Follower> tagged = new ArrayList<>();
    for (String openid : openids) {
      Follower f = byOpenid.get(openid);
      if (f == null || !f.following()) {
        failed.add(openid);
      } else if (!f.hasTag(tagId) && f.tagCount() >= maxTags) {
        return new Tagging(List.of(), true);
      } else {
        tagged.add(f);
      }
    }
    tagged.forEach(f -> f.tag(tagId));
    return new Tagging(failed, false);
  }

  /** Removes {@code tagId} from the followers among {@code openids}; returns the others. */
  public synchronized List<String> untag(List<String> openids, int tagId) {
    List<String> failed = new ArrayList<>();
    for (String openid : openids) {
      Follower f = byOpenid.get(openid);
      if (f == null || !f.following()) {
        failed.add(openid);
      } else {
        f.untag(tagId);
      }
    }
    return failed;
  }

  /** Removes {@code tagId} from every user (the tag was deleted). */
  public synchronized void removeTag(int tagId) {
    byOpenid.values().forEach(f -> f.untag(tagId));
  }

  /** Sets whether {@code openid} refuses messages; false when the user is unknown. */
  public synchronized boolean refuseMessages(String openid, boolean refuses) {
    Follower f = byOpenid.get(openid);
    if (f != null) {
      f.refuseMessages(refuses);
    }
    return f != null;
  }

  public synchronized void unfollow(String openid) {
    find(openid).ifPresent(f -> f.follow(false));
  }

  /** An interaction (message, scan, click) by a follower opens a window. */
  public synchronized void interact(String openid, Instant now, Duration window, int quota) {
    find(openid).ifPresent(f -> f.openWindow(now, window, quota));
  }

  /** 0 when a customer-service message may go to {@code openid} now, else WeChat's errcode. */
  public synchronized int takeCustomMessage(String openid, Instant now) {
    Follower f = byOpenid.get(openid);
    return f == null ? 40003 : f.takeCustomMessage(now); // 40003: invalid openid
  }

  /** Whether a broadcast reaches {@code openid}: following, and (service) under the monthly cap. */
  public synchronized boolean takeBroadcast(String openid, String month, int monthlyLimit) {
    Follower f = byOpenid.get(openid);
    return f != null && f.following() && f.takeBroadcast(month, monthlyLimit);
  }
}
