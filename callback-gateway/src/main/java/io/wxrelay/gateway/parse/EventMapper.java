package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.CloudEvent;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a push's fields into a normalized {@code wechat.message.*} / {@code wechat.event.*}
 * CloudEvent (docs/wechat-api.md §6.4), with a deterministic id from WeChat's dedupe rule so that
 * WeChat's retries carry the same id. Each kind of push ({@link MessageKinds}, {@link EventKinds})
 * says its type, id rule and data; the envelope is built here, the same for all.
 */
public final class EventMapper {
  private final String source;

  public EventMapper(String source) {
    this.source = source;
  }

  public CloudEvent<?> map(String appid, ObjectNode xml, Instant receivedAt) {
    Fields f = new Fields(xml);
    PushKind kind = kindOf(f);
    String id = kind.id().of(appid, f);
    return CloudEvent.of(kind.type(), id, source, appid, receivedAt, kind.data().apply(f));
  }

  private static PushKind kindOf(Fields f) {
    String msgType = f.required("MsgType").toLowerCase(Locale.ROOT);
    if (msgType.equals("event")) {
      return EventKinds.of(f.required("Event").toLowerCase(Locale.ROOT));
    }
    return MessageKinds.of(msgType);
  }
}
