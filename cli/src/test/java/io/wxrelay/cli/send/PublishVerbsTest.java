package io.wxrelay.cli.send;

import static io.wxrelay.cli.send.SendRun.APPID;
import static io.wxrelay.cli.send.SendRun.data;
import static io.wxrelay.cli.send.SendRun.encoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.PublishDelete;
import io.wxrelay.schemas.command.PublishGet;
import io.wxrelay.schemas.command.PublishSubmit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code publish submit|get|delete} make their schemas records, keyed by the appid; {@code --wait}
 * on a submit waits for its finish and prints the articles' URLs.
 */
class PublishVerbsTest {
  private final List<String> printed = new ArrayList<>();
  @TempDir Path dir;

  @Test
  void eachVerbMakesItsRecordKeyedByTheAppid() {
    var submit = data("publish", "submit", "--media-id", "news_1");
    assertThat(submit).isEqualTo(new PublishSubmit("news_1", null));
    assertThat(encoded(submit).key()).isEqualTo(APPID);
    assertThat(encoded(submit).event().type()).isEqualTo("wechat.publish.submit");
    assertThat(encoded(submit).follow()).isEqualTo(FollowUp.PUBLISHED);
    assertThat(data("publish", "get", "--publish-id", "2247503051"))
        .isEqualTo(new PublishGet("2247503051"));
    assertThat(data("publish", "delete", "--article-id", "art_1", "--index", "2"))
        .isEqualTo(new PublishDelete("art_1", 2));
    assertThat(data("publish", "delete", "--article-id", "art_1"))
        .isEqualTo(new PublishDelete("art_1", null));
  }

  @Test
  void oneArticleWrittenInlineBecomesTheDraftsOnlyArticleItsThumbnailInline() throws Exception {
    Path thumb = dir.resolve("autumn.jpg");
    Files.write(thumb, new byte[] {1, 2, 3});
    var submit =
        (PublishSubmit)
            data(
                "publish",
                "submit",
                "--news-title",
                "Autumn sale",
                "--news-thumb",
                thumb.toString(),
                "--news-content",
                "<p>20 % off</p>");
    assertThat(submit.mediaId()).isNull();
    assertThat(submit.articles())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.title()).isEqualTo("Autumn sale");
              assertThat(a.content()).isEqualTo("<p>20 % off</p>");
              assertThat(a.thumb().base64()).isEqualTo("AQID");
            });
    assertThatThrownBy(() -> data("publish", "submit", "--media-id", "news_1", "--news-title", "x"))
        .hasMessage("publish submit takes --media-id or an article's --news-* flags, not both");
    assertThatThrownBy(() -> data("publish", "submit", "--news-via", "draft"))
        .hasMessage("publish submit always makes its draft via draft/add: drop --news-via");
  }

  @Test
  void aMissingFlagIsOneSentence() {
    assertThatThrownBy(() -> data("publish", "submit"))
        .hasMessage("publish submit needs --media-id (or the whole data with --data FILE)");
    assertThatThrownBy(() -> data("publish", "delete"))
        .hasMessage("publish delete needs --article-id (or the whole data with --data FILE)");
  }

  @Test
  void aSubmitIsCompleteOnceItsFinishArrivedAndItsUrlsArePrinted() {
    ResultTrail trail = new ResultTrail("p1", FollowUp.PUBLISHED, printed::add);
    trail.accept(
        event(
            "wechat.result",
            "{\"commandId\":\"p1\",\"status\":\"SUCCEEDED\",\"attempts\":1,"
                + "\"response\":{\"publish_id\":\"77\"}}"));
    assertThat(trail.complete()).isFalse();

    trail.accept(
        event(
            "wechat.publish.finished",
            "{\"commandId\":\"p1\",\"publishId\":\"77\",\"status\":\"success\",\"succeeded\":true,"
                + "\"articleId\":\"art_1\",\"articleUrls\":[\"https://mp/s/1\",\"https://mp/s/2\"],"
                + "\"failedIndexes\":[]}"));

    assertThat(trail.complete()).isTrue();
    assertThat(trail.outcome().orElseThrow().succeeded()).isTrue();
    assertThat(printed)
        .endsWith(
            "finished: success: published as art_1 (publish_id 77)",
            "  article 1: https://mp/s/1",
            "  article 2: https://mp/s/2");
  }

  @Test
  void aFailedPublishNamesItsFailedArticlesAndIsNoSuccess() {
    ResultTrail trail = new ResultTrail("p2", FollowUp.PUBLISHED, printed::add);
    trail.accept(event("wechat.result", "{\"commandId\":\"p2\",\"status\":\"SUCCEEDED\"}"));
    trail.accept(
        event(
            "wechat.publish.finished",
            "{\"commandId\":\"p2\",\"publishId\":\"78\",\"status\":\"originality_failed\","
                + "\"succeeded\":false,\"articleUrls\":[],\"failedIndexes\":[1,3]}"));

    assertThat(trail.outcome().orElseThrow().succeeded()).isFalse();
    assertThat(printed)
        .last()
        .isEqualTo(
            "finished: originality_failed: not published, failed articles 1, 3"
                + " (publish_id 78)");
  }

  private static JsonNode event(String type, String data) {
    return ContractCodec.newMapper().readTree("{\"type\":\"" + type + "\",\"data\":" + data + "}");
  }
}
