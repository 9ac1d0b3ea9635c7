package io.wxrelay.gateway.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.gateway.callback.rejection.Rejection;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.inbound.ImageMessage;
import io.wxrelay.schemas.inbound.LinkMessage;
import io.wxrelay.schemas.inbound.LocationEvent;
import io.wxrelay.schemas.inbound.LocationMessage;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent;
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
import org.junit.jupiter.api.Test;

/** Every standard message and event type, from a realistic push, into the right event. */
class EventMapperTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final String HEAD =
      "<xml><ToUserName><![CDATA[gh_3f2a9b7c1d0e]]></ToUserName><FromUserName><![CDATA[oUser001]]></FromUserName>"
          + "<CreateTime>1795339800</CreateTime>";
  private static final ContractCodec CODEC = ContractCodec.create();
  private final XmlPushReader reader = new XmlPushReader();
  private final EventMapper mapper = new EventMapper("/test");

  @Test
  void textAndMediaMessages() {
    TextMessage text =
        map(
            msg("text", "<Content><![CDATA[hi <b>]]></Content><MsgId>24381723894718972</MsgId>"),
            TextMessage.class);
    assertThat(text.content()).isEqualTo("hi <b>");
    assertThat(text.msgId()).isEqualTo("24381723894718972");
    assertThat(
            map(
                    msg(
                        "image",
                        "<PicUrl><![CDATA[http://p]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>1</MsgId>"),
                    ImageMessage.class)
                .mediaId())
        .isEqualTo("m1");
    assertThat(
            map(
                    msg(
                        "voice",
                        "<MediaId><![CDATA[v]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[hello]]></Recognition><MsgId>2</MsgId>"),
                    VoiceMessage.class)
                .recognition())
        .isEqualTo("hello");
    assertThat(
            map(
                    msg(
                        "video",
                        "<MediaId><![CDATA[v]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId><MsgId>3</MsgId>"),
                    VideoMessage.class)
                .thumbMediaId())
        .isEqualTo("t");
    assertThat(
            event(
                    msg(
                        "shortvideo",
                        "<MediaId><![CDATA[v]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId><MsgId>4</MsgId>"))
                .type())
        .isEqualTo("wechat.message.shortvideo");
  }

  @Test
  void locationLinkAndOtherMessages() {
    LocationMessage location =
        map(
            msg(
                "location",
                "<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[place]]></Label><MsgId>5</MsgId>"),
            LocationMessage.class);
    assertThat(location.locationX()).isEqualTo(23.134521);
    assertThat(location.scale()).isEqualTo(20);
    assertThat(
            map(
                    msg(
                        "link",
                        "<Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description><Url><![CDATA[https://u]]></Url><MsgId>6</MsgId>"),
                    LinkMessage.class)
                .url())
        .isEqualTo("https://u");
    OtherMessage other =
        map(
            msg(
                "miniprogrampage",
                "<Title><![CDATA[Shop]]></Title><AppId><![CDATA[wxabc]]></AppId><MsgId>7</MsgId>"),
            OtherMessage.class);
    assertThat(other.msgType()).isEqualTo("miniprogrampage");
    assertThat(other.fields()).containsEntry("Title", "Shop").containsEntry("AppId", "wxabc");
  }

  @Test
  void qrScansCarryTheSceneWithoutThePrefixAndWhetherTheUserJustFollowed() {
    SubscribeEvent viaQr =
        map(
            evt(
                "subscribe",
                "<EventKey><![CDATA[qrscene_store-42]]></EventKey><Ticket><![CDATA[gQ+/=]]></Ticket>"),
            SubscribeEvent.class);
    SubscribeEvent plain =
        map(evt("subscribe", "<EventKey><![CDATA[]]></EventKey>"), SubscribeEvent.class);
    ScanEvent scan =
        map(
            evt("SCAN", "<EventKey><![CDATA[123]]></EventKey><Ticket><![CDATA[gQ+/=]]></Ticket>"),
            ScanEvent.class);

    assertThat(viaQr.scene()).isEqualTo("store-42");
    assertThat(viaQr.ticket()).isEqualTo("gQ+/=");
    assertThat(viaQr.newFollower()).isTrue();
    assertThat(plain.scene()).isNull();
    assertThat(scan.scene()).isEqualTo("123");
    assertThat(scan.newFollower()).isFalse();
  }

  @Test
  void events() {
    assertThat(event(evt("unsubscribe", "")).data()).isInstanceOf(UnsubscribeEvent.class);
    assertThat(
            map(
                    evt(
                        "LOCATION",
                        "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>"),
                    LocationEvent.class)
                .precision())
        .isEqualTo(119.38504);
    assertThat(
            map(evt("CLICK", "<EventKey><![CDATA[MENU_HOURS]]></EventKey>"), ClickEvent.class)
                .eventKey())
        .isEqualTo("MENU_HOURS");
    assertThat(
            map(
                    evt(
                        "VIEW",
                        "<EventKey><![CDATA[https://shop/]]></EventKey><MenuId>208379533</MenuId>"),
                    ViewEvent.class)
                .menuId())
        .isEqualTo("208379533");
    assertThat(
            map(
                    evt(
                        "TEMPLATESENDJOBFINISH",
                        "<MsgID>200163836</MsgID><Status><![CDATA[failed:user block]]></Status>"),
                    TemplateSendJobFinishEvent.class)
                .status())
        .isEqualTo("failed:user block");
    OtherEvent other =
        map(
            evt(
                "scancode_push",
                "<EventKey><![CDATA[k]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>"),
            OtherEvent.class);
    assertThat(other.event()).isEqualTo("scancode_push");
    assertThat(other.fields()).containsKey("ScanCodeInfo");
  }

  @Test
  void massSendJobFinishKeepsItsCountsAndNestedResults() {
    String xml =
        evt(
            "MASSSENDJOBFINISH",
            "<MsgID>1000001625</MsgID><Status><![CDATA[err(30003)]]></Status><TotalCount>100</TotalCount>"
                + "<FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount>"
                + "<CopyrightCheckResult><Count>2</Count><ResultList>"
                + "<item><ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item>"
                + "<item><ArticleIdx>2</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item>"
                + "</ResultList><CheckState>2</CheckState></CopyrightCheckResult>"
                + "<ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[https://mp/s/x]]></ArticleUrl></item></ResultList></ArticleUrlResult>");

    CloudEvent<?> event = event(xml);
    MassSendJobFinishEvent done = (MassSendJobFinishEvent) event.data();

    assertThat(event.id()).isEqualTo("msg-1000001625");
    assertThat(done.status()).isEqualTo("err(30003)");
    assertThat(done.filterCount()).isEqualTo(done.sentCount() + done.errorCount());
    assertThat(done.copyrightCheckResult().results())
        .hasSize(2)
        .extracting(r -> r.originalArticleUrl())
        .containsExactly("Url_1", "Url_2");
    assertThat(done.copyrightCheckResult().checkState()).isEqualTo(2);
    assertThat(done.articleUrlResult().results())
        .singleElement()
        .satisfies(u -> assertThat(u.articleUrl()).isEqualTo("https://mp/s/x"));
  }

  @Test
  void idsFollowWeChatsDedupeRuleSoRetriesMatch() {
    String click = evt("CLICK", "<EventKey><![CDATA[A]]></EventKey>");
    String otherKey = evt("CLICK", "<EventKey><![CDATA[B]]></EventKey>");

    assertThat(event(click).id()).isEqualTo(event(click).id()).startsWith("evt-");
    assertThat(event(click).id()).isNotEqualTo(event(otherKey).id());
    assertThat(event(msg("text", "<Content>x</Content><MsgId>99</MsgId>")).id())
        .isEqualTo("msg-99");
  }

  @Test
  void missingOrMalformedFieldsAreRefusedNamingTheField() {
    assertThat(
            catchThrowableOfType(Rejection.class, () -> event("<xml><MsgType>text</MsgType></xml>"))
                .getMessage())
        .contains("missing")
        .contains("UserName");
    assertThat(
            catchThrowableOfType(
                    Rejection.class,
                    () ->
                        event(
                            HEAD.replace("1795339800", "soon")
                                + "<MsgType>event</MsgType><Event>CLICK</Event></xml>"))
                .getMessage())
        .contains("CreateTime");
    assertThat(
            catchThrowableOfType(Rejection.class, () -> event(msg("text", "<Content>x</Content>")))
                .getMessage())
        .contains("MsgId");
  }

  private static String msg(String type, String fields) {
    return HEAD + "<MsgType><![CDATA[" + type + "]]></MsgType>" + fields + "</xml>";
  }

  private static String evt(String event, String fields) {
    return HEAD
        + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
        + event
        + "]]></Event>"
        + fields
        + "</xml>";
  }

  private CloudEvent<?> event(String xml) {
    CloudEvent<?> event =
        mapper.map(APPID, reader.read(xml.getBytes(UTF_8)), Instant.parse("2026-11-22T09:30:00Z"));
    assertThat(CODEC.decode(CODEC.encode(event))).as("valid against its schema").isEqualTo(event);
    return event;
  }

  private <T> T map(String xml, Class<T> type) {
    return type.cast(event(xml).data());
  }
}
