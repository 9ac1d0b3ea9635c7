package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.junit.CallbackReceiver;
import io.wxrelay.sim.publish.PublishDesk;
import io.wxrelay.sim.truth.Publication;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Publishing through the simulator's HTTP API: submit, the finish's push, get and the articles. */
class PublishApiTest {
  private final CallbackReceiver receiver = new CallbackReceiver();
  private SimFixture f;

  @BeforeEach
  void start() {
    f = new SimFixture(SimConfig.forTests());
    var app = f.sim.accounts().app(DEFAULT_APPID).orElseThrow();
    f.sim.accounts().update(app.withCallback(receiver.url(), "cbtoken", Mode.PLAIN, null));
  }

  @AfterEach
  void stop() {
    f.close();
    receiver.close();
  }

  /** A draft of articles with these titles, made with draft/add on permanent thumbnails. */
  private String draft(String... titles) {
    String thumb = f.uploadPermanent("thumb");
    StringBuilder articles = new StringBuilder();
    for (String title : titles) {
      articles.append(articles.isEmpty() ? "" : ",");
      articles.append(
          "{\"title\":\"%s\",\"thumb_media_id\":\"%s\",\"content\":\"<p>x</p>\"}"
              .formatted(title, thumb));
    }
    return f.call("draft/add", "{\"articles\":[" + articles + "]}").path("media_id").asString();
  }

  private JsonNode submit(String mediaId) {
    return f.call("freepublish/submit", "{\"media_id\":\"" + mediaId + "\"}");
  }

  private Publication finished() {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !f.sim.truth().publications(DEFAULT_APPID).isEmpty());
    await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.received().isEmpty());
    return f.sim.truth().publications(DEFAULT_APPID).getFirst();
  }

  @Test
  void aSubmittedDraftIsPublishedAndItsFinishPushedWithTheArticleUrls() {
    JsonNode submitted = submit(draft("Winter menu", "Soups"));
    assertThat(errcode(submitted)).isZero();
    String publishId = submitted.path("publish_id").asString();
    assertThat(submitted.path("publish_id").isString()).as("a string, as WeChat's JSON").isTrue();

    Publication done = finished();
    String push = receiver.received().getFirst().body();
    assertThat(done.publishStatus()).isZero();
    assertThat(done.articleUrls()).hasSize(2);
    assertThat(push)
        .contains("<Event><![CDATA[PUBLISHJOBFINISH]]></Event>")
        .contains("<PublishEventInfo><publish_id>" + publishId + "</publish_id>")
        .contains("<publish_status>0</publish_status>")
        .contains("<article_url><![CDATA[" + done.articleUrls().get(1) + "]]></article_url>");
    JsonNode got = f.call("freepublish/get", "{\"publish_id\":\"" + publishId + "\"}");
    assertThat(got.path("publish_id").isNumber()).as("a number, as observed").isTrue();
    assertThat(got.path("article_id").asString()).isEqualTo(done.articleId());
    assertThat(got.at("/article_detail/item/1/article_url").asString())
        .isEqualTo(done.articleUrls().get(1));
    JsonNode article =
        f.call("freepublish/getarticle", "{\"article_id\":\"" + done.articleId() + "\"}");
    assertThat(article.at("/news_item/0/title").asString()).isEqualTo("Winter menu");
  }

  @Test
  void aDraftThatFailsTheCheckOrIsUnknownIsRefused() {
    assertThat(errcode(submit(draft("Sale " + PublishDesk.CHECK_FAIL)))).isEqualTo(53503);
    assertThat(errcode(submit("news_nope"))).isEqualTo(40007);
    assertThat(f.sim.truth().publications(DEFAULT_APPID)).isEmpty();
  }

  @Test
  void anOriginalityFailureEndsWithStatusTwoAndTheFailedArticles() {
    submit(draft("Mine", "Copied " + PublishDesk.ORIGINALITY));

    Publication done = finished();
    assertThat(done.publishStatus()).isEqualTo(2);
    assertThat(done.failIdx()).containsExactly(2);
    assertThat(done.articleId()).isNull();
    assertThat(receiver.received().getFirst().body())
        .contains("<fail_idx>2</fail_idx>")
        .doesNotContain("article_id");
  }

  @Test
  void deleteMarksArticlesDeletedAndBatchgetPagesPublishedGroups() {
    submit(draft("One", "Two"));
    String articleId = finished().articleId();

    assertThat(
            errcode(
                f.call("freepublish/delete", "{\"article_id\":\"" + articleId + "\",\"index\":2}")))
        .isZero();
    JsonNode article = f.call("freepublish/getarticle", "{\"article_id\":\"" + articleId + "\"}");
    assertThat(article.findValuesAsString("title")).containsExactly("One", "Two");
    assertThat(article.at("/news_item/1/is_deleted").asBoolean()).isTrue();
    assertThat(article.at("/news_item/0/is_deleted").asBoolean()).isFalse();
    assertThat(errcode(f.call("freepublish/getarticle", "{\"article_id\":\"nope\"}")))
        .isEqualTo(53600);
    JsonNode page = f.call("freepublish/batchget", "{\"offset\":0,\"count\":20,\"no_content\":1}");
    assertThat(page.path("total_count").asInt()).isEqualTo(1);
    assertThat(page.at("/item/0/article_id").asString()).isEqualTo(articleId);
    assertThat(errcode(f.call("freepublish/batchget", "{\"offset\":0,\"count\":21}"))).isNotZero();
    assertThat(errcode(f.call("freepublish/batchget", "{\"offset\":0,\"count\":0}"))).isNotZero();
  }
}
