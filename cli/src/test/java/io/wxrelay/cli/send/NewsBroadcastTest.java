package io.wxrelay.cli.send;

import static io.wxrelay.cli.send.SendRun.data;
import static io.wxrelay.cli.send.SendRun.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.command.MassSendAll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broadcast of news written inline: one article, its thumbnail by file or by URL. */
class NewsBroadcastTest {
  @TempDir Path dir;

  @Test
  void aLocalThumbnailIsSentInlineAndTheContentReadFromItsFile() throws Exception {
    Path thumb = dir.resolve("autumn.jpg");
    Files.write(thumb, new byte[] {1, 2, 3});
    Path content = dir.resolve("autumn.html");
    Files.writeString(content, "<p>20 % off</p>");

    var data =
        data(
            "send",
            "mass",
            "--tag",
            "2",
            "--news-title",
            "Autumn",
            "--news-thumb",
            thumb.toString(),
            "--news-content",
            "@" + content);

    var news = ((MassSendAll) data).message().mpnews();
    assertThat(news.inline()).isTrue();
    assertThat(news.articles())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.title()).isEqualTo("Autumn");
              assertThat(a.content()).isEqualTo("<p>20 % off</p>");
              assertThat(a.thumb().base64())
                  .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
              assertThat(a.thumb().filename()).isEqualTo("autumn.jpg");
            });
    assertThat(json(data)).contains("\"msgtype\":\"mpnews\"").doesNotContain("\"via\"");
  }

  @Test
  void aThumbnailUrlIsFetchedByTheWorkerUnderItsFileName() {
    var data =
        data(
            "send",
            "preview",
            "--to",
            "oAlice",
            "--news-title",
            "A",
            "--news-thumb",
            "https://cdn.example/img/cover.jpg",
            "--news-content",
            "<p>x</p>",
            "--news-via",
            "draft");

    assertThat(json(data))
        .contains(
            "\"thumb\":{\"url\":\"https://cdn.example/img/cover.jpg\",\"filename\":\"cover.jpg\"}")
        .contains("\"via\":\"draft\"");
  }

  @Test
  void newsNeedsItsThreeFlagsAndNoText() {
    assertThatThrownBy(
            () -> data("send", "mass", "--tag", "2", "--news-title", "A", "--news-content", "c"))
        .hasMessage("send mass with news needs --news-title, --news-thumb and --news-content");
    assertThatThrownBy(
            () ->
                data(
                    "send",
                    "mass",
                    "--all",
                    "--text",
                    "hi",
                    "--news-title",
                    "A",
                    "--news-thumb",
                    "https://x/t.jpg",
                    "--news-content",
                    "c"))
        .hasMessage("send mass sends --text or news (--news-title ...), not both");
    assertThatThrownBy(
            () ->
                data(
                    "send",
                    "mass",
                    "--all",
                    "--news-title",
                    "A",
                    "--news-thumb",
                    dir.resolve("none.jpg").toString(),
                    "--news-content",
                    "c"))
        .hasMessageStartingWith("cannot read --news-thumb");
  }
}
