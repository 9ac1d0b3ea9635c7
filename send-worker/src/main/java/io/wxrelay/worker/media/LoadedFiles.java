package io.wxrelay.worker.media;

import java.util.HashMap;
import java.util.Map;

/**
 * The files of one processing of a command, each loaded once ({@link MediaFiles}) when the run
 * first asks: after the command is claimed, so that a command already done, or a step already made,
 * never fetches its file again. Not thread-safe; lives on the record's thread.
 */
public final class LoadedFiles {
  private final MediaFiles loader;
  private final Map<MediaFile, byte[]> loaded = new HashMap<>();

  public LoadedFiles(MediaFiles loader) {
    this.loader = loader;
  }

  /**
   * Loads {@code file} unless it is loaded already.
   *
   * @throws InvalidCommandException for a file WeChat would refuse, or a URL the worker must not
   *     use
   * @throws MediaUnavailableException for a file that is not there now
   */
  public void load(MediaFile file) {
    if (!loaded.containsKey(file)) {
      loaded.put(file, loader.load(file));
    }
  }

  /**
   * The bytes of {@code file}.
   *
   * @throws IllegalStateException when it was not loaded: its call came before {@link #load}
   */
  public byte[] bytes(MediaFile file) {
    byte[] bytes = loaded.get(file);
    if (bytes == null) {
      throw new IllegalStateException(file.filename() + " is sent before it is loaded");
    }
    return bytes;
  }

  /** The media type of {@code file}, read from its first bytes. */
  public String contentType(MediaFile file) {
    return MediaLimits.contentType(bytes(file));
  }
}
