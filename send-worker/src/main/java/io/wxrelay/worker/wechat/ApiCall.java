package io.wxrelay.worker.wechat;

import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WeChat API call of a command.
 *
 * @param api the path under {@code cgi-bin/}, e.g. {@code message/custom/send}
 * @param body the JSON body as WeChat spells it (for an upload: its {@code description} form field,
 *     empty when it has none)
 * @param chunk index of this call among a split broadcast's calls, else 0
 * @param clientmsgid the broadcast's clientmsgid, or null
 * @param openidCount OpenIDs in this call of {@code message/mass/send}, else 0
 * @param upload the file of a multipart upload (media/upload, material/add_material,
 *     media/uploadimg), else null
 * @param step the name this call's outcome (the media it made) is remembered under, for a command
 *     whose later calls use it; null for a call nothing depends on
 * @param fills what the body takes from earlier steps, filled in just before the call
 */
public record ApiCall(
    String api,
    ObjectNode body,
    int chunk,
    String clientmsgid,
    int openidCount,
    @Nullable Upload upload,
    @Nullable String step,
    List<Fill> fills) {

  public ApiCall {
    fills = List.copyOf(fills);
  }

  /** A call that is no step and takes nothing from one. */
  public ApiCall(
      String api,
      ObjectNode body,
      int chunk,
      String clientmsgid,
      int openidCount,
      @Nullable Upload upload) {
    this(api, body, chunk, clientmsgid, openidCount, upload, null, List.of());
  }

  /**
   * A file sent as WeChat's {@code media} form part. Its bytes are loaded (fetched or decoded, and
   * checked against WeChat's limits) on first use, once: after the command is claimed, so that a
   * command already done, or a step already made, never fetches its file again.
   */
  public static final class Upload {
    private final @Nullable String type;
    private final String filename;
    private final Supplier<byte[]> source;
    private byte @Nullable [] bytes;

    /**
     * @param type WeChat's {@code type} query parameter (image, voice, video, thumb), or null
     * @param source loads the file; throws {@link InvalidCommandException} for a file WeChat would
     *     refuse or a URL the worker must not use, {@link MediaUnavailableException} for a file
     *     that is not there now
     */
    public Upload(@Nullable String type, String filename, Supplier<byte[]> source) {
      this.type = type;
      this.filename = filename;
      this.source = source;
    }

    public @Nullable String type() {
      return type;
    }

    public String filename() {
      return filename;
    }

    /** The file, loaded on first use (see {@link #load}). */
    public synchronized byte[] bytes() {
      if (bytes == null) {
        bytes = source.get();
      }
      return bytes;
    }

    /** The file's media type, read from its first bytes. */
    public String contentType() {
      return MediaLimits.contentType(bytes());
    }

    /**
     * Loads the file before its call; empty when it can be sent, else why it cannot ({@link
     * CallOutcome.Unusable}: nothing was sent).
     */
    public Optional<CallOutcome> load() {
      try {
        bytes();
        return Optional.empty();
      } catch (InvalidCommandException e) {
        return Optional.of(new CallOutcome.Unusable(e.getMessage(), ErrorClass.INVALID));
      } catch (MediaUnavailableException e) {
        return Optional.of(new CallOutcome.Unusable(e.getMessage(), ErrorClass.UNKNOWN));
      }
    }
  }

  /**
   * The field at {@code pointer} in the body (its parent object exists) gets what step {@code step}
   * made.
   */
  public record Fill(String pointer, String step) {}

  public static ApiCall of(String api, ObjectNode body) {
    return new ApiCall(api, body, 0, null, 0, null);
  }

  /** A multipart upload of {@code upload}, with {@code description} when not empty. */
  public static ApiCall upload(String api, Upload upload, ObjectNode description) {
    return new ApiCall(api, description, 0, null, 0, upload);
  }

  /** This call as step {@code name}: what it makes is remembered for the calls after it. */
  public ApiCall asStep(String name) {
    return new ApiCall(api, body, chunk, clientmsgid, openidCount, upload, name, fills);
  }

  /** This call, taking {@code fills} from earlier steps. */
  public ApiCall filling(List<Fill> fills) {
    return new ApiCall(api, body, chunk, clientmsgid, openidCount, upload, step, fills);
  }

  /**
   * This call with its fills done from {@code made} (step name to what it made).
   *
   * @throws IllegalStateException when a step it needs has not been made: the plan's order is wrong
   */
  public ApiCall filledFrom(Map<String, String> made) {
    if (fills.isEmpty()) {
      return this;
    }
    ObjectNode filled = body.deepCopy();
    for (Fill fill : fills) {
      String value = made.get(fill.step());
      if (value == null) {
        throw new IllegalStateException(api + " needs step " + fill.step() + ", not done yet");
      }
      JsonPointer pointer = JsonPointer.compile(fill.pointer());
      ((ObjectNode) filled.at(pointer.head())).put(pointer.last().getMatchingProperty(), value);
    }
    return new ApiCall(api, filled, chunk, clientmsgid, openidCount, upload, step, List.of());
  }
}
