package io.wxrelay.schemas;

import java.time.Duration;
import java.util.Map;

/**
 * Every Kafka topic of wxrelay, with its default name, the environment variable that overrides the
 * name, its key, and how the project creates it. The one place topic names are spelled.
 */
public enum Topic {
  /** Upstream systems write commands here. */
  COMMANDS(
      "wechat.commands", "appid, or appid:openid for per-user messages", 12, Duration.ofDays(7)),
  /** The callback gateway publishes what WeChat pushes. */
  EVENTS("wechat.events", "appid:openid", 12, Duration.ofDays(7)),
  /** One terminal result per command, and broadcast completions. */
  RESULTS("wechat.results", "command id", 12, Duration.ofDays(7)),
  /** Commands parked until a later attempt is due. */
  COMMANDS_RETRY("wechat.commands.retry", "as wechat.commands", 12, Duration.ofDays(2)),
  /** Commands that can never succeed, with the reason. Kept long enough for a human to look. */
  COMMANDS_DLQ("wechat.commands.dlq", "as wechat.commands", 3, Duration.ofDays(30));

  private final String defaultName;
  private final String key;
  private final int defaultPartitions;
  private final Duration retention;

  Topic(String defaultName, String key, int defaultPartitions, Duration retention) {
    this.defaultName = defaultName;
    this.key = key;
    this.defaultPartitions = defaultPartitions;
    this.retention = retention;
  }

  public String defaultName() {
    return defaultName;
  }

  /** What the record key is, in words. */
  public String key() {
    return key;
  }

  public int defaultPartitions() {
    return defaultPartitions;
  }

  public Duration retention() {
    return retention;
  }

  /** The environment variable that renames this topic, e.g. {@code WXRELAY_TOPIC_COMMANDS_DLQ}. */
  public String envVar() {
    return "WXRELAY_TOPIC_" + name();
  }

  /** This topic's name in an environment: the override if set and not blank, else the default. */
  public String nameIn(Map<String, String> env) {
    String value = env.get(envVar());
    return value == null || value.isBlank() ? defaultName : value.trim();
  }
}
