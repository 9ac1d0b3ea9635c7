package io.wxrelay.sim.media;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Media ids the simulator handed out, by kind, so that a broadcast or customer-service message
 * using an id that was never uploaded (or of the wrong kind) gets WeChat's 40007.
 */
public final class MediaStore {
  /** What a media id stands for. */
  public enum Kind {
    IMAGE,
    VOICE,
    VIDEO,
    THUMB,
    /** From media/uploadnews or draft/add: usable as mpnews. */
    NEWS,
    /** From media/uploadvideo: usable as a broadcast mpvideo. */
    MPVIDEO
  }

  private record Media(String appid, Kind kind) {}

  private final Map<String, Media> byId = new ConcurrentHashMap<>();

  /** Records a new media of {@code kind} for {@code appid} and returns its id. */
  public String add(String appid, Kind kind) {
    String id =
        kind.name().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().replace("-", "");
    byId.put(id, new Media(appid, kind));
    return id;
  }

  /** Whether {@code mediaId} belongs to {@code appid} and is one of {@code kinds}. */
  public boolean has(String appid, String mediaId, Kind... kinds) {
    Media media = mediaId == null ? null : byId.get(mediaId);
    if (media == null || !media.appid().equals(appid)) {
      return false;
    }
    for (Kind kind : kinds) {
      if (media.kind() == kind) {
        return true;
      }
    }
    return false;
  }
}
