package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code wechat.template.send}: a template message to one follower, WeChat's body without {@code
 * client_msg_id} (the worker derives one from the command id). {@code url} and {@code miniprogram}
 * may be null.
 */
public record TemplateSend(
    String touser,
    @JsonProperty("template_id") String templateId,
    String url,
    Miniprogram miniprogram,
    Map<String, Value> data)
    implements CommandData {

  /** The mini program page the message opens; {@code pagepath} may be null. */
  public record Miniprogram(String appid, String pagepath) {}

  /** One of the template's values; {@code color} (no longer shown by WeChat) may be null. */
  public record Value(String value, String color) {}
}
