package io.wxrelay.gateway.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every inbound event type has its kind, found by the name WeChat pushes (lower-cased). */
class PushKindsTest {
  private static final String HEAD =
      "<xml><ToUserName>gh_1</ToUserName><FromUserName>oUser001</FromUserName>"
          + "<CreateTime>1795339800</CreateTime><MsgType>event</MsgType>";

  @Test
  void eachMessageAndEventTypeIsTheKindOfItsName() {
    Arrays.stream(EventType.values())
        .filter(
            t -> t.value().startsWith("wechat.message.") || t.value().startsWith("wechat.event."))
        .forEach(
            type -> {
              String name = type.value().substring(type.value().lastIndexOf('.') + 1);
              PushKind kind =
                  type.value().startsWith("wechat.message.")
                      ? MessageKinds.of(name)
                      : EventKinds.of(name);
              assertThat(kind.type()).as(name).isEqualTo(type);
            });
  }

  @Test
  void unknownNamesAreTheOtherKinds() {
    assertThat(MessageKinds.of("miniprogrampage").type()).isEqualTo(EventType.MESSAGE_OTHER);
    assertThat(EventKinds.of("scancode_push").type()).isEqualTo(EventType.EVENT_OTHER);
  }

  @Test
  void jobFinishEventsAreIdentifiedByTheirJobAndOtherEventsByWeChatsRule() {
    Fields f =
        new Fields(
            new XmlPushReader()
                .read((HEAD + "<Event>X</Event><MsgID>7</MsgID></xml>").getBytes(UTF_8)));
    assertThat(EventKinds.of("masssendjobfinish").id().of("wx1", f)).isEqualTo("msg-7");
    assertThat(EventKinds.of("templatesendjobfinish").id().of("wx1", f)).isEqualTo("msg-7");
    assertThat(EventKinds.of("click").id().of("wx1", f)).startsWith("evt-");
  }
}
