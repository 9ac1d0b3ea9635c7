package io.wxrelay.gateway.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The ids the gateway's dedupe keys on, pinned: a change here would publish every push WeChat
 * retries across a deploy a second time.
 */
class EventIdsTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final String HEAD =
      "<xml><ToUserName>gh_3f2a9b7c1d0e</ToUserName><FromUserName>oUser001</FromUserName>"
          + "<CreateTime>1795339800</CreateTime>";
  private final XmlPushReader reader = new XmlPushReader();

  @Test
  void aMessageIsItsMsgIdAndOneWithoutIsHashedWithItsTypeLowerCased() {
    assertThat(EventIds.message(APPID, fields("<MsgType>text</MsgType><MsgId>99</MsgId>")))
        .isEqualTo("msg-99");
    assertThat(EventIds.message(APPID, fields("<MsgType>Weird</MsgType>")))
        .isEqualTo("evt-305f6e0bc3f3bcc74a3c5581d40f9f20")
        .isEqualTo(EventIds.message(APPID, fields("<MsgType>weird</MsgType>")));
  }

  @Test
  void aJobFinishIsItsJobsMsgId() {
    assertThat(EventIds.jobFinish(APPID, fields("<MsgID>200163836</MsgID><MsgId>1</MsgId>")))
        .isEqualTo("msg-200163836");
  }

  @Test
  void anEventIsHashedWithTheEventAsPushedAndItsKey() {
    String click = "<MsgType>event</MsgType><Event>CLICK</Event>";
    assertThat(EventIds.event(APPID, fields(click + "<EventKey>MENU_HOURS</EventKey>")))
        .isEqualTo("evt-aea0899cbe8eb1519406af472171c530");
    assertThat(EventIds.event(APPID, fields(click)))
        .isEqualTo("evt-c119e735545721937cf0e422f0651213")
        .isEqualTo(EventIds.event(APPID, fields(click + "<EventKey></EventKey>")));
    assertThat(EventIds.event("wx-other-app", fields(click)))
        .isNotEqualTo(EventIds.event(APPID, fields(click)));
  }

  private Fields fields(String body) {
    return new Fields(reader.read((HEAD + body + "</xml>").getBytes(UTF_8)));
  }
}
