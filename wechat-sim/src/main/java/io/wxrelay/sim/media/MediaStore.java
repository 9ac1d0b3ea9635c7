package io.wxrelay.sim.media;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Media ids the simulator handed out, by kind, so that a broadcast or customer-service message
 * using an id that was never uploaded, has expired (temporary media lasts 3 days) or is of the
 * wrong kind gets WeChat's 40007.
 */
public final class MediaStore {
  /** WeChat keeps temporary media (media/upload, uploadnews, uploadvideo) for 3 days. */
  public static final Duration TEMPORARY_LIFETIME = Duration.ofDays(3);

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

  /** How long a media lasts: temporary media 3 days, permanent material until deleted. */
  public enum Lifetime {
    TEMPORARY,
    PERMANENT
  }

  private record Media(String appid, Kind kind, Lifetime lifetime, Instant createdAt) {}

  private final InstantSource clock;
  private final Map<String, Media> byId = new ConcurrentHashMap<>();
  private final MaterialLibrary library = new MaterialLibrary();

  public MediaStore(InstantSource clock) {
    this.clock = clock;
  }

  /** Records a new media of {@code kind} for {@code appid} and returns its id. */
  public String add(String appid, Kind kind, Lifetime lifetime) {
    String id =
        kind.name().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().replace("-", "");
    byId.put(id, new Media(appid, kind, lifetime, clock.instant()));
    return id;
  }

  /**
   * Whether {@code mediaId} belongs to {@code appid}, is one of {@code kinds} and has not expired.
   */
  public boolean has(String appid, String mediaId, Kind... kinds) {
    Media media = mediaId == null ? null : byId.get(mediaId);
    if (media == null || !media.appid().equals(appid) || expired(media)) {
      return false;
    }
    for (Kind kind : kinds) {
      if (media.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code mediaId} is one of {@code kinds} for {@code appid} and permanent material. */
  public boolean hasPermanent(String appid, String mediaId, Kind... kinds) {
    return has(appid, mediaId, kinds) && byId.get(mediaId).lifetime() == Lifetime.PERMANENT;
  }

  /** The accounts' permanent material libraries (what get_materialcount counts). */
  public MaterialLibrary library() {
    return library;
  }

  /**
   * Adds a permanent material of {@code kind} to {@code appid}'s library and returns it; 45074 when
   * its type is at its cap. A thumbnail is an image there.
   */
  public MaterialLibrary.Item addMaterial(String appid, Kind kind, String name, String url) {
    MaterialLibrary.Type type =
        kind == Kind.THUMB
            ? MaterialLibrary.Type.IMAGE
            : MaterialLibrary.Type.of(kind.name().toLowerCase(Locale.ROOT));
    long at = clock.instant().getEpochSecond();
    return library.add(appid, type, name, at, url, () -> add(appid, kind, Lifetime.PERMANENT));
  }

  /**
   * Deletes the permanent material {@code mediaId} of {@code appid}: 40007 for an id its library
   * does not hold (temporary media, a draft, another account's), 48005 for one in use.
   */
  public void deleteMaterial(String appid, String mediaId) {
    library.delete(appid, mediaId);
    byId.remove(mediaId);
  }

  private boolean expired(Media media) {
    return media.lifetime() == Lifetime.TEMPORARY
        && !clock.instant().isBefore(media.createdAt().plus(TEMPORARY_LIFETIME));
  }
}
