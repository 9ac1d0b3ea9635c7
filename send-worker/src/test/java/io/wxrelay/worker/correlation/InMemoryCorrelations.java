package io.wxrelay.worker.correlation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Correlations} in one process's memory, for unit tests; entries expire on {@code clock}.
 * {@link CorrelationsContract} holds it and the Redis one to the same behaviour.
 */
public final class InMemoryCorrelations implements Correlations {
  private final Clock clock;
  private final Map<String, Expiring<String>> qrReplies = new ConcurrentHashMap<>();
  private final Map<String, Expiring<BroadcastRef>> broadcasts = new ConcurrentHashMap<>();
  private final Map<String, Expiring<String>> templates = new ConcurrentHashMap<>();
  private final Map<String, Expiring<TemplateFinish>> finishes = new ConcurrentHashMap<>();
  private final Map<String, Expiring<String>> publishes = new ConcurrentHashMap<>();
  private final Map<String, Expiring<PublishFinish>> publishFinishes = new ConcurrentHashMap<>();

  private record Expiring<T>(T value, Instant until) {}

  public InMemoryCorrelations(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void rememberQrReply(String appid, String sceneKey, String messageJson, Duration ttl) {
    qrReplies.put(appid + " " + sceneKey, new Expiring<>(messageJson, clock.instant().plus(ttl)));
  }

  @Override
  public Optional<String> qrReply(String appid, String sceneKey) {
    return live(qrReplies.get(appid + " " + sceneKey));
  }

  @Override
  public void rememberBroadcast(String appid, long msgId, BroadcastRef ref, Duration ttl) {
    broadcasts.put(appid + " " + msgId, new Expiring<>(ref, clock.instant().plus(ttl)));
  }

  @Override
  public Optional<BroadcastRef> broadcast(String appid, long msgId) {
    return live(broadcasts.get(appid + " " + msgId));
  }

  @Override
  public void rememberTemplate(String appid, long msgId, String commandId, Duration ttl) {
    templates.put(appid + " " + msgId, new Expiring<>(commandId, clock.instant().plus(ttl)));
  }

  @Override
  public Optional<String> template(String appid, long msgId) {
    return live(templates.get(appid + " " + msgId));
  }

  @Override
  public void rememberTemplateFinish(
      String appid, long msgId, TemplateFinish finish, Duration ttl) {
    finishes.put(appid + " " + msgId, new Expiring<>(finish, clock.instant().plus(ttl)));
  }

  @Override
  public Optional<TemplateFinish> templateFinish(String appid, long msgId) {
    return live(finishes.get(appid + " " + msgId));
  }

  @Override
  public void rememberPublish(String appid, String publishId, String commandId, Duration ttl) {
    publishes.put(appid + " " + publishId, new Expiring<>(commandId, clock.instant().plus(ttl)));
  }

  @Override
  public Optional<String> publish(String appid, String publishId) {
    return live(publishes.get(appid + " " + publishId));
  }

  @Override
  public void rememberPublishFinish(
      String appid, String publishId, PublishFinish finish, Duration ttl) {
    publishFinishes.put(appid + " " + publishId, new Expiring<>(finish, clock.instant().plus(ttl)));
  }

  @Override
  public Optional<PublishFinish> publishFinish(String appid, String publishId) {
    return live(publishFinishes.get(appid + " " + publishId));
  }

  private <T> Optional<T> live(Expiring<T> entry) {
    return entry == null || !clock.instant().isBefore(entry.until())
        ? Optional.empty()
        : Optional.of(entry.value());
  }
}
