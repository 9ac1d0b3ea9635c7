package io.wxrelay.worker.media;

import java.util.Base64;

/** Loads the file of an upload: decoded or fetched, then checked against WeChat's limits. */
public final class MediaFiles {
  private final MediaFetcher fetcher;

  public MediaFiles(MediaFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /**
   * The bytes of {@code file}, checked as its kind.
   *
   * @throws InvalidCommandException for a file WeChat would refuse, or a URL the worker must not
   *     use
   * @throws MediaUnavailableException for a file that is not there now
   */
  public byte[] load(MediaFile file) {
    byte[] bytes =
        switch (file.source()) {
          case MediaFile.Inline inline -> decode(inline.base64());
          case MediaFile.Remote remote -> fetcher.fetch(remote.url());
        };
    MediaLimits.check(file.kind(), file.permanent(), bytes);
    return bytes;
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidCommandException("file.base64 is not base64: " + e.getMessage());
    }
  }
}
