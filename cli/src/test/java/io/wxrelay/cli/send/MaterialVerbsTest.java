package io.wxrelay.cli.send;

import static io.wxrelay.cli.send.ResponseLinesTest.lines;
import static io.wxrelay.cli.send.SendRun.APPID;
import static io.wxrelay.cli.send.SendRun.data;
import static io.wxrelay.cli.send.SendRun.encoded;
import static io.wxrelay.cli.send.SendRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.command.MaterialCount;
import io.wxrelay.schemas.command.MaterialDelete;
import io.wxrelay.schemas.command.MaterialList;
import org.junit.jupiter.api.Test;

/**
 * {@code material count | list | delete}: each makes its schemas record keyed by the appid, bad
 * flags are one sentence, and --wait prints the count as a table of kind, count, cap and share
 * used, a page's items, and an upload's library.
 */
class MaterialVerbsTest {
  @Test
  void eachVerbMakesItsRecordKeyedByTheAppid() {
    assertThat(data("material", "count")).isEqualTo(new MaterialCount());
    assertThat(data("material", "list", "--type", "image"))
        .isEqualTo(new MaterialList("image", 0, 20));
    var page = data("material", "list", "--type", "voice", "--offset", "40", "--count", "5");
    assertThat(json(page)).isEqualTo("{\"type\":\"voice\",\"offset\":40,\"count\":5}");
    var delete = data("material", "delete", "--media-id", "m-1");
    assertThat(delete).isEqualTo(new MaterialDelete("m-1"));
    assertThat(encoded(delete).key()).isEqualTo(APPID);
    assertThat(encoded(delete).event().type()).isEqualTo("wechat.material.delete");
  }

  @Test
  void badFlagsAreOneSentence() {
    SendRun.expectUsageError(
        "error: material list --type is one of image, video, voice, news, not 'thumb'",
        "material",
        "list",
        "--type",
        "thumb");
    SendRun.expectUsageError(
        "error: material list --count is 1 to 20 (WeChat's page), not 21",
        "material",
        "list",
        "--type",
        "image",
        "--count",
        "21");
    SendRun.expectUsageError(
        "error: material delete needs --media-id (or the whole data with --data FILE)",
        "material",
        "delete");
    SendRun.expectUsageError("error: material needs a verb: count, list, delete", "material");
  }

  @Test
  void theCountIsATableOfKindCountCapAndShareUsed() {
    assertThat(
            lines(
                "wechat.material.count",
                """
                {"image_count": 4321, "voice_count": 950,
                 "libraries": [{"kind": "image", "count": 4321, "cap": 100000},
                               {"kind": "voice", "count": 950, "cap": 1000}]}
                """))
        .containsExactly(
            "kind        count        cap    used",
            "image       4,321    100,000    4.3%",
            "voice         950      1,000   95.0%");
  }

  @Test
  void aPageListsItsItemsAndAnUploadItsLibrary() {
    assertThat(
            lines(
                "wechat.material.list",
                """
                {"total_count": 25, "item_count": 1,
                 "item": [{"media_id": "m-1", "name": "a.jpg", "update_time": 1765000000}]}
                """))
        .containsExactly(
            "1 items of 25", String.format("%-44s %-12d %s", "m-1", 1765000000, "a.jpg"));
    assertThat(
            lines(
                "wechat.media.upload",
                "{\"media_id\": \"m-2\", \"library\": {\"kind\": \"image\", \"count\": 95000,"
                    + " \"cap\": 100000}}"))
        .containsExactly("library: image 95,000 of 100,000 (95.0% used)");
    assertThat(lines("wechat.media.upload", "{\"media_id\": \"t-1\"}")).isEmpty();
  }
}
