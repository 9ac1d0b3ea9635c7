package io.wxrelay.sim.account;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A user of one account, with what WeChat's rules need: following or not, tags, the current
 * customer-service window and broadcasts received this month. Guarded by its {@link Population}.
 */
public final class Follower {
  private final String openid;
  private final Set<Integer> tags = new HashSet<>();
  private boolean following;
  private Instant subscribedAt;
  private String qrScene;
  private boolean refusesMessages;
  private Window window;
  private String massMonth = "";
  private int massThisMonth;

  /** What user/info tells about a user, copied under the population's lock. */
  public record View(
      String openid,
      boolean following,
      Set<Integer> tags,
      Instant subscribedAt,
      String qrScene,
      boolean refusesMessages) {}

  /** A customer-service window: opened by an interaction, bounded in time and messages. */
  record Window(Instant closesAt, int quota, int used) {}

  Follower(String openid, boolean following, Set<Integer> tags, Instant subscribedAt) {
    this.openid = openid;
    this.following = following;
    this.tags.addAll(tags);
    this.subscribedAt = subscribedAt;
  }

  public String openid() {
    return openid;
  }

  public boolean following() {
    return following;
  }

  public Set<Integer> tags() {
    return Set.copyOf(tags);
  }

  /** When the user last followed (user/info's subscribe_time). */
  public Instant subscribedAt() {
    return subscribedAt;
  }

  /** The scene of the QR code the user last followed through, or null. */
  public String qrScene() {
    return qrScene;
  }

  /** Whether the user switched off messages from the account (template/send answers 43101). */
  public boolean refusesMessages() {
    return refusesMessages;
  }

  View view() {
    return new View(openid, following, tags(), subscribedAt, qrScene, refusesMessages);
  }

  boolean hasTag(int tagId) {
    return tags.contains(tagId);
  }

  int tagCount() {
    return tags.size();
  }

  void tag(int tagId) {
    tags.add(tagId);
  }

  void untag(int tagId) {
    tags.remove(tagId);
  }

  void refuseMessages(boolean value) {
    refusesMessages = value;
  }

  void follow(boolean value) {
    following = value;
    if (!value) {
      window = null;
    }
  }

  void followedAt(Instant at, String scene) {
    subscribedAt = at;
    qrScene = scene;
  }

  /**
   * Opens a new window (replacing the current one) of {@code length} allowing {@code quota}
   * messages.
   */
  void openWindow(Instant now, Duration length, int quota) {
    window = new Window(now.plus(length), quota, 0);
  }

  /** 0 when a customer-service message may go now (and counts it), else WeChat's errcode. */
  int takeCustomMessage(Instant now) {
    if (!following || window == null || !now.isBefore(window.closesAt())) {
      return 45015; // response out of time limit or subscription is canceled
    }
    if (window.used() >= window.quota()) {
      return 45047; // out of response count limit
    }
    window = new Window(window.closesAt(), window.quota(), window.used() + 1);
    return 0;
  }

  /** Whether a broadcast may still reach this user this month (service accounts: 4). */
  boolean takeBroadcast(String month, int monthlyLimit) {
    if (!month.equals(massMonth)) {
      massMonth = month;
      massThisMonth = 0;
    }
    if (massThisMonth >= monthlyLimit) {
      return false;
    }
    massThisMonth++;
    return true;
  }
}
