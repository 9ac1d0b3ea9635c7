package io.wxrelay.worker.wechat;

import org.jspecify.annotations.Nullable;
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
 */
public record ApiCall(
    String api,
    ObjectNode body,
    int chunk,
    String clientmsgid,
    int openidCount,
    @Nullable Upload upload) {

  /**
   * A file sent as WeChat's {@code media} form part.
   *
   * @param type WeChat's {@code type} query parameter (image, voice, video, thumb), or null
   */
  public record Upload(@Nullable String type, String filename, String contentType, byte[] bytes) {}

  public static ApiCall of(String api, ObjectNode body) {
    return new ApiCall(api, body, 0, null, 0, null);
  }

  /** A multipart upload of {@code upload}, with {@code description} when not empty. */
  public static ApiCall upload(String api, Upload upload, ObjectNode description) {
    return new ApiCall(api, description, 0, null, 0, upload);
  }
}
