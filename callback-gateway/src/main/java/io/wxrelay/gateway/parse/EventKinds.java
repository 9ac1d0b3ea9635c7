package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.inbound.InboundData;
import io.wxrelay.schemas.inbound.LocationEvent;
import io.wxrelay.schemas.inbound.OtherEvent;
import io.wxrelay.schemas.inbound.ScanEvent;
import io.wxrelay.schemas.inbound.SubscribeEvent;
import io.wxrelay.schemas.inbound.TemplateSendJobFinishEvent;
import io.wxrelay.schemas.inbound.UnsubscribeEvent;
import io.wxrelay.schemas.inbound.ViewEvent;
import java.util.function.Function;

/**
 * The events WeChat pushes ({@code MsgType} {@code event}), each read into its data; an unknown
 * {@code Event} is an {@link OtherEvent} with its fields as they came. The {@code *JOBFINISH}
 * events carry the job's id; the others get theirs by WeChat's dedupe rule.
 */
final class EventKinds {
  private static final MassJobFinishMapper MASS_JOBS = new MassJobFinishMapper();
  private static final PublishJobFinishMapper PUBLISH_JOBS = new PublishJobFinishMapper();

  private EventKinds() {}

  /** The kind of an event whose {@code Event} is {@code name}, lower-cased. */
  static PushKind of(String name) {
    return switch (name) {
      case "subscribe" -> kind(EventType.EVENT_SUBSCRIBE, EventKinds::subscribe);
      case "unsubscribe" -> kind(EventType.EVENT_UNSUBSCRIBE, EventKinds::unsubscribe);
      case "scan" -> kind(EventType.EVENT_SCAN, EventKinds::scan);
      case "location" -> kind(EventType.EVENT_LOCATION, EventKinds::location);
      case "click" -> kind(EventType.EVENT_CLICK, EventKinds::click);
      case "view" -> kind(EventType.EVENT_VIEW, EventKinds::view);
      case "masssendjobfinish" -> jobFinish(EventType.EVENT_MASSSENDJOBFINISH, MASS_JOBS::map);
      case "templatesendjobfinish" ->
          jobFinish(EventType.EVENT_TEMPLATESENDJOBFINISH, EventKinds::templateJob);
      case "publishjobfinish" ->
          new PushKind(
              EventType.EVENT_PUBLISHJOBFINISH, PublishJobFinishMapper::eventId, PUBLISH_JOBS::map);
      default -> kind(EventType.EVENT_OTHER, EventKinds::other);
    };
  }

  private static PushKind kind(EventType type, Function<Fields, InboundData> data) {
    return new PushKind(type, EventIds::event, data);
  }

  private static PushKind jobFinish(EventType type, Function<Fields, InboundData> data) {
    return new PushKind(type, EventIds::jobFinish, data);
  }

  private static SubscribeEvent subscribe(Fields f) {
    return new SubscribeEvent(
        f.to(), f.openid(), f.createTime(), Scenes.ofSubscribe(key(f)), f.text("Ticket"), true);
  }

  private static UnsubscribeEvent unsubscribe(Fields f) {
    return new UnsubscribeEvent(f.to(), f.openid(), f.createTime());
  }

  private static ScanEvent scan(Fields f) {
    return new ScanEvent(
        f.to(), f.openid(), f.createTime(), Scenes.ofScan(key(f)), f.text("Ticket"), false);
  }

  private static LocationEvent location(Fields f) {
    return new LocationEvent(
        f.to(),
        f.openid(),
        f.createTime(),
        f.decimal("Latitude"),
        f.decimal("Longitude"),
        f.optionalDecimal("Precision"));
  }

  private static ClickEvent click(Fields f) {
    return new ClickEvent(f.to(), f.openid(), f.createTime(), orEmpty(key(f)));
  }

  private static ViewEvent view(Fields f) {
    return new ViewEvent(f.to(), f.openid(), f.createTime(), orEmpty(key(f)), f.text("MenuId"));
  }

  private static TemplateSendJobFinishEvent templateJob(Fields f) {
    return new TemplateSendJobFinishEvent(
        f.to(),
        f.openid(),
        f.createTime(),
        Long.parseLong(f.requiredMsgIdNamed("MsgID")),
        f.required("Status"));
  }

  /** An event wxrelay does not model: its Event as pushed and the other fields. */
  private static OtherEvent other(Fields f) {
    return new OtherEvent(f.to(), f.openid(), f.createTime(), f.required("Event"), f.rest());
  }

  private static String key(Fields f) {
    return f.text("EventKey");
  }

  private static String orEmpty(String key) {
    return key == null ? "" : key;
  }
}
