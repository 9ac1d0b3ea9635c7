package io.wxrelay.worker.store;

import io.wxrelay.worker.correlation.Correlations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** {@link Correlations} as plain Redis strings with a TTL. */
public final class RedisCorrelations implements Correlations {
  private final RedisClient redis;
  private final String prefix;

  public RedisCorrelations(RedisClient redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public void rememberQrReply(String appid, String sceneKey, String messageJson, Duration ttl) {
    redis.set(qrKey(appid, sceneKey), messageJson, SetParams.setParams().px(ttl.toMillis()));
  }

  @Override
  public Optional<String> qrReply(String appid, String sceneKey) {
    return Optional.ofNullable(redis.get(qrKey(appid, sceneKey)));
  }

  @Override
  public void rememberBroadcast(String appid, long msgId, BroadcastRef ref, Duration ttl) {
    redis.set(
        massKey(appid, msgId),
        ref.chunk() + ":" + ref.commandId(),
        SetParams.setParams().px(ttl.toMillis()));
  }

  @Override
  public Optional<BroadcastRef> broadcast(String appid, long msgId) {
    String value = redis.get(massKey(appid, msgId));
    if (value == null) {
      return Optional.empty();
    }
    int colon = value.indexOf(':');
    return Optional.of(
        new BroadcastRef(value.substring(colon + 1), Integer.parseInt(value.substring(0, colon))));
  }

  @Override
  public void rememberTemplate(String appid, long msgId, String commandId, Duration ttl) {
    redis.set(templateKey(appid, msgId), commandId, SetParams.setParams().px(ttl.toMillis()));
  }

  @Override
  public Optional<String> template(String appid, long msgId) {
    return Optional.ofNullable(redis.get(templateKey(appid, msgId)));
  }

  /** Stored as its event id, OpenID and status on three lines (a status may hold anything). */
  @Override
  public void rememberTemplateFinish(
      String appid, long msgId, TemplateFinish finish, Duration ttl) {
    redis.set(
        finishKey(appid, msgId),
        finish.eventId() + "\n" + finish.openid() + "\n" + finish.status(),
        SetParams.setParams().px(ttl.toMillis()));
  }

  @Override
  public Optional<TemplateFinish> templateFinish(String appid, long msgId) {
    String value = redis.get(finishKey(appid, msgId));
    if (value == null) {
      return Optional.empty();
    }
    String[] lines = value.split("\n", 3);
    return Optional.of(new TemplateFinish(lines[0], lines[1], lines[2]));
  }

  @Override
  public void rememberPublish(String appid, String publishId, String commandId, Duration ttl) {
    redis.set(publishKey(appid, publishId), commandId, SetParams.setParams().px(ttl.toMillis()));
  }

  @Override
  public Optional<String> publish(String appid, String publishId) {
    return Optional.ofNullable(redis.get(publishKey(appid, publishId)));
  }

  /**
   * Stored as lines: its event id, status, article id (empty for none), the failed indexes joined
   * by commas, then one line per article URL (WeChat's URLs hold no line break).
   */
  @Override
  public void rememberPublishFinish(
      String appid, String publishId, PublishFinish finish, Duration ttl) {
    String lines =
        String.join(
            "\n",
            finish.eventId(),
            Integer.toString(finish.publishStatus()),
            finish.articleId() == null ? "" : finish.articleId(),
            finish.failIdx().stream().map(String::valueOf).collect(Collectors.joining(",")));
    for (String url : finish.articleUrls()) {
      lines += "\n" + url;
    }
    redis.set(publishFinishKey(appid, publishId), lines, SetParams.setParams().px(ttl.toMillis()));
  }

  @Override
  public Optional<PublishFinish> publishFinish(String appid, String publishId) {
    String value = redis.get(publishFinishKey(appid, publishId));
    if (value == null) {
      return Optional.empty();
    }
    List<String> lines = List.of(value.split("\n", -1));
    List<Integer> failIdx =
        lines.get(3).isEmpty()
            ? List.of()
            : Arrays.stream(lines.get(3).split(",")).map(Integer::valueOf).toList();
    return Optional.of(
        new PublishFinish(
            lines.get(0),
            Integer.parseInt(lines.get(1)),
            lines.get(2).isEmpty() ? null : lines.get(2),
            lines.subList(4, lines.size()),
            failIdx));
  }

  private String publishKey(String appid, String publishId) {
    return prefix + "pub:" + appid + ":" + publishId;
  }

  private String publishFinishKey(String appid, String publishId) {
    return prefix + "pubfin:" + appid + ":" + publishId;
  }

  private String finishKey(String appid, long msgId) {
    return prefix + "tplfin:" + appid + ":" + msgId;
  }

  private String qrKey(String appid, String sceneKey) {
    return prefix + "qr:" + appid + ":" + sceneKey;
  }

  private String templateKey(String appid, long msgId) {
    return prefix + "tpl:" + appid + ":" + msgId;
  }

  private String massKey(String appid, long msgId) {
    return prefix + "mass:" + appid + ":" + msgId;
  }
}
