package io.wxrelay.worker.wechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
   * A file sent as WeChat's {@code media} form part.
   *
   * @param type WeChat's {@code type} query parameter (image, voice, video, thumb), or null
   */
  public record Upload(@Nullable String type, String filename, String contentType, byte[] bytes) {}

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

  /** This call, taking {@code more} from earlier steps. */
  public ApiCall filling(List<Fill> more) {
    List<Fill> all = new ArrayList<>(fills);
    all.addAll(more);
    return new ApiCall(api, body, chunk, clientmsgid, openidCount, upload, step, all);
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
