package io.wxrelay.gateway.parse;

import io.wxrelay.gateway.callback.rejection.Rejection;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.inbound.ImageMessage;
import io.wxrelay.schemas.inbound.LinkMessage;
import io.wxrelay.schemas.inbound.LocationEvent;
import io.wxrelay.schemas.inbound.LocationMessage;
import io.wxrelay.schemas.inbound.OtherEvent;
import io.wxrelay.schemas.inbound.OtherMessage;
import io.wxrelay.schemas.inbound.ScanEvent;
import io.wxrelay.schemas.inbound.SubscribeEvent;
import io.wxrelay.schemas.inbound.TemplateSendJobFinishEvent;
import io.wxrelay.schemas.inbound.TextMessage;
import io.wxrelay.schemas.inbound.UnsubscribeEvent;
import io.wxrelay.schemas.inbound.VideoMessage;
import io.wxrelay.schemas.inbound.ViewEvent;
import io.wxrelay.schemas.inbound.VoiceMessage;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a push's fields into a normalized {@code wechat.message.*} / {@code wechat.event.*}
 * CloudEvent (docs/wechat-api.md §6.4), with a deterministic id from WeChat's dedupe rule so that
 * WeChat's retries carry the same id.
 */
public final class EventMapper {
  private final String source;
  private final MassJobFinishMapper massJobs = new MassJobFinishMapper();

  public EventMapper(String source) {
    this.source = source;
  }

  public CloudEvent<?> map(String appid, ObjectNode xml, Instant receivedAt) {
    Fields f = new Fields(xml);
    String msgType = f.required("MsgType").toLowerCase(Locale.ROOT);
    if (msgType.equals("event")) {
      return event(appid, f, receivedAt);
    }
    String msgId = f.msgId("MsgId");
    String id =
        msgId != null
            ? "msg-" + msgId
            : EventIds.of(appid, f.openid(), f.createTime(), msgType, null);
    return switch (msgType) {
      case "text" ->
          of(
              EventType.MESSAGE_TEXT,
              id,
              appid,
              receivedAt,
              new TextMessage(
                  f.to(),
                  f.openid(),
                  f.createTime(),
                  f.requiredMsgId(),
                  f.text("Content"),
                  f.text("MsgDataId"),
                  f.integer("Idx")));
      case "image" ->
          of(
              EventType.MESSAGE_IMAGE,
              id,
              appid,
              receivedAt,
              new ImageMessage(
                  f.to(),
                  f.openid(),
                  f.createTime(),
                  f.requiredMsgId(),
                  f.text("PicUrl"),
                  f.required("MediaId"),
                  f.text("MsgDataId"),
                  f.integer("Idx")));
      case "voice" ->
          of(
              EventType.MESSAGE_VOICE,
              id,
              appid,
              receivedAt,
              new VoiceMessage(
                  f.to(),
                  f.openid(),
                  f.createTime(),
                  f.requiredMsgId(),
                  f.required("MediaId"),
                  f.text("Format"),
                  f.text("Recognition"),
                  f.text("MsgDataId"),
                  f.integer("Idx")));
      case "video", "shortvideo" ->
          of(
              msgType.equals("video") ? EventType.MESSAGE_VIDEO : EventType.MESSAGE_SHORTVIDEO,
              id,
              appid,
              receivedAt,
              new VideoMessage(
                  f.to(),
                  f.openid(),
                  f.createTime(),
                  f.requiredMsgId(),
                  f.required("MediaId"),
                  f.text("ThumbMediaId"),
                  f.text("MsgDataId"),
                  f.integer("Idx")));
      case "location" ->
          of(
              EventType.MESSAGE_LOCATION,
              id,
              appid,
              receivedAt,
              new LocationMessage(
                  f.to(),
                  f.openid(),
                  f.createTime(),
                  f.requiredMsgId(),
                  f.decimal("Location_X"),
                  f.decimal("Location_Y"),
                  f.integer("Scale"),
                  f.text("Label"),
                  f.text("MsgDataId"),
                  f.integer("Idx")));
      case "link" ->
          of(
              EventType.MESSAGE_LINK,
              id,
              appid,
              receivedAt,
              new LinkMessage(
                  f.to(),
                  f.openid(),
                  f.createTime(),
                  f.requiredMsgId(),
                  f.text("Title"),
                  f.text("Description"),
                  f.required("Url"),
                  f.text("MsgDataId"),
                  f.integer("Idx")));
      default ->
          of(
              EventType.MESSAGE_OTHER,
              id,
              appid,
              receivedAt,
              new OtherMessage(
                  f.to(), f.openid(), f.createTime(), f.required("MsgType"), msgId, f.rest()));
    };
  }

  private CloudEvent<?> event(String appid, Fields f, Instant receivedAt) {
    String event = f.required("Event");
    String key = f.text("EventKey");
    String name = event.toLowerCase(Locale.ROOT);
    if (name.equals("masssendjobfinish") || name.equals("templatesendjobfinish")) {
      String id =
          "msg-" + f.requiredMsgIdNamed("MsgID"); // MsgID, upper-case D, for the *JOBFINISH events
      if (name.equals("masssendjobfinish")) {
        return of(EventType.EVENT_MASSSENDJOBFINISH, id, appid, receivedAt, massJobs.map(f));
      }
      return of(
          EventType.EVENT_TEMPLATESENDJOBFINISH,
          id,
          appid,
          receivedAt,
          new TemplateSendJobFinishEvent(
              f.to(),
              f.openid(),
              f.createTime(),
              Long.parseLong(f.requiredMsgIdNamed("MsgID")),
              f.required("Status")));
    }
    String id = EventIds.of(appid, f.openid(), f.createTime(), event, key);
    return switch (name) {
      case "subscribe" ->
          of(
              EventType.EVENT_SUBSCRIBE,
              id,
              appid,
              receivedAt,
              new SubscribeEvent(
                  f.to(), f.openid(), f.createTime(), sceneOf(key, true), f.text("Ticket"), true));
      case "unsubscribe" ->
          of(
              EventType.EVENT_UNSUBSCRIBE,
              id,
              appid,
              receivedAt,
              new UnsubscribeEvent(f.to(), f.openid(), f.createTime()));
      case "scan" ->
          of(
              EventType.EVENT_SCAN,
              id,
              appid,
              receivedAt,
              new ScanEvent(
                  f.to(), f.openid(), f.createTime(), requiredScene(key), f.text("Ticket"), false));
      case "location" ->
          of(
              EventType.EVENT_LOCATION,
              id,
              appid,
              receivedAt,
              new LocationEvent(
                  f.to(),
                  f.openid(),
                  f.createTime(),
                  f.decimal("Latitude"),
                  f.decimal("Longitude"),
                  f.optionalDecimal("Precision")));
      case "click" ->
          of(
              EventType.EVENT_CLICK,
              id,
              appid,
              receivedAt,
              new ClickEvent(f.to(), f.openid(), f.createTime(), key == null ? "" : key));
      case "view" ->
          of(
              EventType.EVENT_VIEW,
              id,
              appid,
              receivedAt,
              new ViewEvent(
                  f.to(), f.openid(), f.createTime(), key == null ? "" : key, f.text("MenuId")));
      default ->
          of(
              EventType.EVENT_OTHER,
              id,
              appid,
              receivedAt,
              new OtherEvent(f.to(), f.openid(), f.createTime(), event, f.rest()));
    };
  }

  /** A subscribe from a QR code carries {@code qrscene_<scene>}; a plain follow carries none. */
  private static String sceneOf(String eventKey, boolean subscribe) {
    if (eventKey == null || eventKey.isEmpty()) {
      return null;
    }
    String scene =
        subscribe && eventKey.startsWith("qrscene_")
            ? eventKey.substring("qrscene_".length())
            : eventKey;
    return scene.isEmpty() ? null : truncate(scene);
  }

  private static String requiredScene(String eventKey) {
    String scene = sceneOf(eventKey, false);
    if (scene == null) {
      throw new Rejection(400, "bad_message", "SCAN without EventKey");
    }
    return scene;
  }

  private static String truncate(String scene) {
    return scene.length() > 64 ? scene.substring(0, 64) : scene;
  }

  private CloudEvent<?> of(EventType type, String id, String appid, Instant time, Object data) {
    return CloudEvent.of(type, id, source, appid, time, data);
  }
}
