package io.wxrelay.worker.store;

import io.wxrelay.worker.correlation.Correlations;
import java.time.Duration;
import java.util.Optional;
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
