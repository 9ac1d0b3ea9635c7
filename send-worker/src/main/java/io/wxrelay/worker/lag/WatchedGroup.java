package io.wxrelay.worker.lag;

import java.util.List;

/**
 * A consumer group whose lag is exported, on the topics it reads.
 *
 * @param fromEarliest the group's {@code auto.offset.reset}: true for {@code earliest} (a partition
 *     it never committed is read from the log's start, so all of it is lag), false for {@code
 *     latest} (such a partition would be read from its end: no lag)
 */
public record WatchedGroup(String groupId, List<String> topics, boolean fromEarliest) {
  public WatchedGroup {
    topics = List.copyOf(topics);
  }

  /** A group that starts at {@code offsetReset}: {@code earliest} or {@code latest}. */
  public static WatchedGroup of(String groupId, List<String> topics, String offsetReset) {
    return new WatchedGroup(groupId, topics, offsetReset.equals("earliest"));
  }
}
