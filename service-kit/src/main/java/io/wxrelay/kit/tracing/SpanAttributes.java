package io.wxrelay.kit.tracing;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes wxrelay's spans share: OpenTelemetry's semantic conventions where they have a name
 * (messaging, HTTP, URL, server), and {@code wxrelay.*} for what is the relay's own. None may hold
 * a token, a secret or a message's content.
 */
public final class SpanAttributes {
  public static final AttributeKey<String> MESSAGING_SYSTEM =
      AttributeKey.stringKey("messaging.system");
  public static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  public static final AttributeKey<String> MESSAGING_DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  public static final AttributeKey<String> MESSAGING_MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  public static final AttributeKey<String> CLOUDEVENTS_TYPE =
      AttributeKey.stringKey("cloudevents.event_type");
  public static final AttributeKey<String> HTTP_METHOD =
      AttributeKey.stringKey("http.request.method");
  public static final AttributeKey<Long> HTTP_STATUS =
      AttributeKey.longKey("http.response.status_code");
  public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  public static final AttributeKey<String> APPID = AttributeKey.stringKey("wxrelay.appid");
  public static final AttributeKey<String> COMMAND_ID =
      AttributeKey.stringKey("wxrelay.command_id");
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("wxrelay.outcome");

  private SpanAttributes() {}
}
