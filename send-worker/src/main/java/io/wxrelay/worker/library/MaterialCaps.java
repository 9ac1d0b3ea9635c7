package io.wxrelay.worker.library;

import io.wxrelay.kit.config.Env;
import java.util.List;

/**
 * How much permanent material of each kind an account may hold (docs/wechat-api.md §14). WeChat's
 * current pages say 100,000 images and 100,000 news, 1,000 voice and 1,000 video; older pages said
 * 5,000 for images and news. An account's real caps are whatever WeChat enforces (45074): set these
 * to what the account's MP console shows.
 */
public record MaterialCaps(int image, int voice, int video, int news) {
  public static final int DEFAULT_IMAGE = 100_000;
  public static final int DEFAULT_VOICE = 1_000;
  public static final int DEFAULT_VIDEO = 1_000;
  public static final int DEFAULT_NEWS = 100_000;

  /**
   * WeChat's kinds of permanent material, as get_materialcount and batchget_material spell them.
   */
  public static final List<String> KINDS = List.of("image", "voice", "video", "news");

  /** WeChat's current caps. */
  public static final MaterialCaps DEFAULTS =
      new MaterialCaps(DEFAULT_IMAGE, DEFAULT_VOICE, DEFAULT_VIDEO, DEFAULT_NEWS);

  private static final int MAX = 10_000_000;

  public static MaterialCaps fromEnv(Env env) {
    return new MaterialCaps(
        env.integer("WORKER_MATERIAL_CAP_IMAGE", DEFAULT_IMAGE, 1, MAX),
        env.integer("WORKER_MATERIAL_CAP_VOICE", DEFAULT_VOICE, 1, MAX),
        env.integer("WORKER_MATERIAL_CAP_VIDEO", DEFAULT_VIDEO, 1, MAX),
        env.integer("WORKER_MATERIAL_CAP_NEWS", DEFAULT_NEWS, 1, MAX));
  }

  /**
   * The cap of {@code kind} (image, voice, video, news; a thumb is an image).
   *
   * @throws IllegalArgumentException for any other kind
   */
  public int of(String kind) {
    return switch (kind) {
      case "image", "thumb" -> image;
      case "voice" -> voice;
      case "video" -> video;
      case "news" -> news;
      default -> throw new IllegalArgumentException("no material kind " + kind);
    };
  }
}
