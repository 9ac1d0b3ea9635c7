package io.wxrelay.worker.media;

/**
 * The file of an upload as its command gives it: where its bytes are and the limits they must meet.
 * Nothing is loaded here: {@link MediaFiles} decodes or fetches it when its call comes.
 *
 * @param filename the name WeChat is told
 * @param source where the bytes are
 * @param kind the limits it is checked against ({@link MediaLimits#check}): image, voice, video,
 *     thumb or articleImage
 * @param permanent checked as permanent material (whose formats differ), not temporary media
 */
public record MediaFile(String filename, Source source, String kind, boolean permanent) {

  /** Where the bytes of a file are. */
  public sealed interface Source permits Inline, Remote {}

  /** In the command itself, as base64 (a small file). */
  public record Inline(String base64) implements Source {}

  /** At a URL, fetched by {@link MediaFetcher} under its rules. */
  public record Remote(String url) implements Source {}
}
