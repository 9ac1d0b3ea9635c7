package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.ImageMessage;
import io.wxrelay.schemas.inbound.InboundData;
import io.wxrelay.schemas.inbound.LinkMessage;
import io.wxrelay.schemas.inbound.LocationMessage;
import io.wxrelay.schemas.inbound.OtherMessage;
import io.wxrelay.schemas.inbound.TextMessage;
import io.wxrelay.schemas.inbound.VideoMessage;
import io.wxrelay.schemas.inbound.VoiceMessage;
import java.util.function.Function;

/**
 * The messages a user sends ({@code MsgType} other than {@code event}), each read into its data; an
 * unknown type is an {@link OtherMessage} with its fields as they came.
 */
final class MessageKinds {
  private MessageKinds() {}

  /** The kind of a message of {@code msgType}, lower-cased. */
  static PushKind of(String msgType) {
    return switch (msgType) {
      case "text" -> kind(EventType.MESSAGE_TEXT, MessageKinds::text);
      case "image" -> kind(EventType.MESSAGE_IMAGE, MessageKinds::image);
      case "voice" -> kind(EventType.MESSAGE_VOICE, MessageKinds::voice);
      case "video" -> kind(EventType.MESSAGE_VIDEO, MessageKinds::video);
      case "shortvideo" -> kind(EventType.MESSAGE_SHORTVIDEO, MessageKinds::video);
      case "location" -> kind(EventType.MESSAGE_LOCATION, MessageKinds::location);
      case "link" -> kind(EventType.MESSAGE_LINK, MessageKinds::link);
      default -> kind(EventType.MESSAGE_OTHER, MessageKinds::other);
    };
  }

  private static PushKind kind(EventType type, Function<Fields, InboundData> data) {
    return new PushKind(type, EventIds::message, data);
  }

  private static TextMessage text(Fields f) {
    return new TextMessage(
        f.to(),
        f.openid(),
        f.createTime(),
        f.requiredMsgId(),
        f.present("Content"),
        f.text("MsgDataId"),
        f.index("Idx"));
  }

  private static ImageMessage image(Fields f) {
    return new ImageMessage(
        f.to(),
        f.openid(),
        f.createTime(),
        f.requiredMsgId(),
        f.text("PicUrl"),
        f.required("MediaId"),
        f.text("MsgDataId"),
        f.index("Idx"));
  }

  private static VoiceMessage voice(Fields f) {
    return new VoiceMessage(
        f.to(),
        f.openid(),
        f.createTime(),
        f.requiredMsgId(),
        f.required("MediaId"),
        f.text("Format"),
        f.text("Recognition"),
        f.text("MsgDataId"),
        f.index("Idx"));
  }

  /** A video or a short video: the same fields. */
  private static VideoMessage video(Fields f) {
    return new VideoMessage(
        f.to(),
        f.openid(),
        f.createTime(),
        f.requiredMsgId(),
        f.required("MediaId"),
        f.text("ThumbMediaId"),
        f.text("MsgDataId"),
        f.index("Idx"));
  }

  private static LocationMessage location(Fields f) {
    return new LocationMessage(
        f.to(),
        f.openid(),
        f.createTime(),
        f.requiredMsgId(),
        f.decimal("Location_X"),
        f.decimal("Location_Y"),
        f.integer("Scale"),
        f.text("Label"),
        f.text("MsgDataId"),
        f.index("Idx"));
  }

  private static LinkMessage link(Fields f) {
    return new LinkMessage(
        f.to(),
        f.openid(),
        f.createTime(),
        f.requiredMsgId(),
        f.text("Title"),
        f.text("Description"),
        f.required("Url"),
        f.text("MsgDataId"),
        f.index("Idx"));
  }

  /** A type wxrelay does not model: its MsgType as pushed, its MsgId if any, the other fields. */
  private static OtherMessage other(Fields f) {
    return new OtherMessage(
        f.to(), f.openid(), f.createTime(), f.required("MsgType"), f.msgId("MsgId"), f.rest());
  }
}
