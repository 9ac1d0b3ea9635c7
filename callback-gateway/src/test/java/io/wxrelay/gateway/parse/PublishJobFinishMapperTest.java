package io.wxrelay.gateway.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.gateway.callback.rejection.Rejection;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent.Article;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** PUBLISHJOBFINISH as WeChat documents it (docs/wechat-api.md §13.2), into its event. */
class PublishJobFinishMapperTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final ContractCodec CODEC = ContractCodec.create();

  /** WeChat's documented success push (Callback_on_finish), verbatim. */
  private static final String SUCCESS =
      """
      <xml>
      <ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName>
      <FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName>
      <CreateTime>1481013459</CreateTime>
      <MsgType><![CDATA[event]]></MsgType>
      <Event><![CDATA[PUBLISHJOBFINISH]]></Event>
      <PublishEventInfo>
      <publish_id>2247503051</publish_id>
      <publish_status>0</publish_status>
      <article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4]]></article_id>
      <article_detail>
      <count>1</count>
      <item><idx>1</idx><article_url><![CDATA[ARTICLE_URL]]></article_url></item>
      </article_detail>
      </PublishEventInfo>
      </xml>
      """;

  private final XmlPushReader reader = new XmlPushReader();
  private final EventMapper mapper = new EventMapper("/test");

  @Test
  void aSuccessCarriesTheArticleIdAndItsUrls() {
    CloudEvent<?> event = event(SUCCESS);
    PublishJobFinishEvent done = (PublishJobFinishEvent) event.data();

    assertThat(event.type()).isEqualTo(EventType.EVENT_PUBLISHJOBFINISH.value());
    assertThat(done.publishId()).isEqualTo("2247503051");
    assertThat(done.publishStatus()).isZero();
    assertThat(done.articleId()).isEqualTo("b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4");
    assertThat(done.articles()).containsExactly(new Article(1, "ARTICLE_URL"));
    assertThat(done.failIdx()).isEmpty();
    assertThat(done.openid()).isEqualTo("oV5CrjpxgaGXNHIQigzNlgLTnwic");
  }

  @Test
  void severalArticlesAreAList() {
    String two =
        SUCCESS.replace(
            "</article_detail>",
            "<item><idx>2</idx><article_url><![CDATA[URL_2]]></article_url></item></article_detail>");

    assertThat(((PublishJobFinishEvent) event(two).data()).articles())
        .containsExactly(new Article(1, "ARTICLE_URL"), new Article(2, "URL_2"));
  }

  @Test
  void eachFailedArticleIsAFailIdxElementOfItsOwn() {
    PublishJobFinishEvent two = failure(2, "<fail_idx>1</fail_idx><fail_idx>2</fail_idx>");
    PublishJobFinishEvent one = failure(4, "<fail_idx>3</fail_idx>");

    assertThat(two.publishStatus()).isEqualTo(2);
    assertThat(two.failIdx()).containsExactly(1, 2);
    assertThat(two.articleId()).isNull();
    assertThat(two.articles()).isEmpty();
    assertThat(one.failIdx()).containsExactly(3);
  }

  @Test
  void theIdIsThePublishIdSoWeChatsRetriesDedupe() {
    String later = SUCCESS.replace("1481013459", "1481013999");

    assertThat(event(SUCCESS).id()).isEqualTo("publish-2247503051").isEqualTo(event(later).id());
    assertThat(event(SUCCESS.replace("2247503051<", "2247503051\n<")).id())
        .isEqualTo("publish-2247503051");
  }

  @Test
  void aPushWithoutItsInfoOrWithABadIdIsRefusedNamingTheField() {
    String noInfo = SUCCESS.replaceAll("(?s)<PublishEventInfo>.*</PublishEventInfo>", "");
    String badId = SUCCESS.replace("<publish_id>2247503051", "<publish_id>x1");

    assertThat(catchThrowableOfType(Rejection.class, () -> event(noInfo)).getMessage())
        .contains("PublishEventInfo");
    assertThat(catchThrowableOfType(Rejection.class, () -> event(badId)).getMessage())
        .contains("publish_id");
  }

  private PublishJobFinishEvent failure(int status, String failIdx) {
    String xml =
        SUCCESS
            .replaceAll("(?s)<article_id>.*</article_detail>", failIdx)
            .replace("<publish_status>0", "<publish_status>" + status);
    return (PublishJobFinishEvent) event(xml).data();
  }

  private CloudEvent<?> event(String xml) {
    CloudEvent<?> event =
        mapper.map(APPID, reader.read(xml.getBytes(UTF_8)), Instant.parse("2026-12-06T09:30:00Z"));
    assertThat(CODEC.decode(CODEC.encode(event))).as("valid against its schema").isEqualTo(event);
    return event;
  }
}
