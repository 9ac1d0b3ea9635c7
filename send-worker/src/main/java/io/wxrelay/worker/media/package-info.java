/**
 * The files of uploads: where a file is ({@link io.wxrelay.worker.media.MediaFile}), loading it
 * once per processing (decoded, or fetched from its URL by {@link
 * io.wxrelay.worker.media.MediaFetcher}, which never reads the worker's own network), and WeChat's
 * size and format limits, checked before the call ({@link io.wxrelay.worker.media.MediaLimits}). A
 * file that cannot be used is an {@link io.wxrelay.worker.media.InvalidCommandException} (WeChat
 * would refuse it) or a {@link io.wxrelay.worker.media.MediaUnavailableException} (it is not there
 * now). Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.worker.media;

import org.jspecify.annotations.NullMarked;
