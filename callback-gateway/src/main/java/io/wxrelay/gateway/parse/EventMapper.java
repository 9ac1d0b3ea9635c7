package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /**
   * The types whose data the mapping alone keeps to its schema: the modelled user messages, every
   * field of which {@link Fields} checks as their schemas do (held in MessageSchemasTest). Their
   * events need not be validated against the schema again on every push (decision 0036). Events and
   * unmodelled types copy free-form or nested fields, and are validated.
   */
  private static final Set<String> CHECKED_BY_MAPPING =
      Stream.of(
              EventType.MESSAGE_TEXT,
              EventType.MESSAGE_IMAGE,
              EventType.MESSAGE_VOICE,
              EventType.MESSAGE_VIDEO,
              EventType.MESSAGE_SHORTVIDEO,
              EventType.MESSAGE_LOCATION,
              EventType.MESSAGE_LINK)
          .map(EventType::value)
          .collect(Collectors.toUnmodifiableSet());

  /** Whether {@code event} (from {@link #map}) fits its schema by construction. */
  public static boolean checkedByMapping(CloudEvent<?> event) {
    return CHECKED_BY_MAPPING.contains(event.type());
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
