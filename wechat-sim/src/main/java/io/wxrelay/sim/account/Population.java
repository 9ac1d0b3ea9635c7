package io.wxrelay.sim.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The users of one account. Thread-safe: every method holds this population's lock. */
public final class Population {
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
    return byOpenid.computeIfAbsent(openid, id -> new Follower(id, following, tags));
  }

  public synchronized Optional<Follower> find(String openid) {
    return Optional.ofNullable(byOpenid.get(openid));
  }

  public synchronized int size() {
    return byOpenid.size();
  }

  /** Following users, all or in {@code tagId}. */
  public synchronized List<String> following(Integer tagId) {
    List<String> result = new ArrayList<>();
    for (Follower f : byOpenid.values()) {
      if (f.following() && (tagId == null || f.tags().contains(tagId))) {
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
    Follower f = add(openid, false, Set.of());
    boolean wasFollowing = f.following();
    f.follow(true);
    f.openWindow(now, window, quota);
    return !wasFollowing;
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
