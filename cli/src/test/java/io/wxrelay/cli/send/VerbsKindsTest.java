package io.wxrelay.cli.send;

import static io.wxrelay.cli.send.SendRun.APPID;
import static io.wxrelay.cli.send.SendRun.data;
import static io.wxrelay.cli.send.SendRun.encoded;
import static io.wxrelay.cli.send.SendRun.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.schemas.command.TagCreate;
import io.wxrelay.schemas.command.TagDelete;
import io.wxrelay.schemas.command.TagMembersAdd;
import io.wxrelay.schemas.command.TagMembersGet;
import io.wxrelay.schemas.command.TagMembersRemove;
import io.wxrelay.schemas.command.TagUpdate;
import io.wxrelay.schemas.command.TagsGet;
import io.wxrelay.schemas.command.TemplateAdd;
import io.wxrelay.schemas.command.TemplateDelete;
import io.wxrelay.schemas.command.TemplateIndustryGet;
import io.wxrelay.schemas.command.TemplateIndustrySet;
import io.wxrelay.schemas.command.TemplateList;
import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.schemas.command.UserTagsGet;
import io.wxrelay.schemas.command.UsersInfo;
import io.wxrelay.schemas.command.UsersSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each verb of {@code tags}, {@code template} and {@code users} makes its schemas record. */
class VerbsKindsTest {
  @TempDir Path dir;

  @Test
  void theTagVerbsMakeTheirRecordsKeyedByTheAppid() throws Exception {
    assertThat(data("tags", "create", "--name", "Autumn buyers"))
        .isEqualTo(new TagCreate("Autumn buyers"));
    assertThat(data("tags", "rename", "--tag", "101", "--name", "Winter"))
        .isEqualTo(new TagUpdate(101, "Winter"));
    assertThat(data("tags", "delete", "--tag", "101")).isEqualTo(new TagDelete(101));
    assertThat(data("tags", "list")).isEqualTo(new TagsGet());
    assertThat(data("tags", "members", "--tag", "101", "--next-openid", "oB"))
        .isEqualTo(new TagMembersGet(101, "oB"));
    assertThat(data("tags", "members", "--tag", "101")).isEqualTo(new TagMembersGet(101, null));
    var of = data("tags", "of", "--user", "oAlice");
    assertThat(of).isEqualTo(new UserTagsGet("oAlice"));
    assertThat(encoded(of).key()).isEqualTo(APPID);

    var add = data("tags", "add", "--tag", "101", "--to", "oA,oB");
    assertThat(add).isEqualTo(new TagMembersAdd(101, List.of("oA", "oB")));
    assertThat(json(add)).isEqualTo("{\"tagid\":101,\"openid_list\":[\"oA\",\"oB\"]}");
    assertThat(encoded(add).key()).isEqualTo(APPID);
    assertThat(encoded(add).event().type()).isEqualTo("wechat.tags.members.add");
    Path buyers = dir.resolve("buyers.txt");
    Files.writeString(buyers, "oA\n\n oB \n");
    assertThat(data("tags", "remove", "--tag", "101", "--to", "@" + buyers))
        .isEqualTo(new TagMembersRemove(101, List.of("oA", "oB")));
  }

  @Test
  void aTemplateMessageGoesToOneFollowerUnderHisKeyWithItsValuesInOrder() {
    var data =
        data(
            "template",
            "send",
            "--to",
            "oAlice",
            "--template",
            "tpl-1",
            "--value",
            "first=Paid, thank you",
            "--value",
            "keyword1=a=b",
            "--url",
            "https://shop.example/o/42",
            "--miniprogram",
            "wxapp:pages/order?id=42");

    Map<String, TemplateSend.Value> values = new LinkedHashMap<>();
    values.put("first", new TemplateSend.Value("Paid, thank you", null));
    values.put("keyword1", new TemplateSend.Value("a=b", null));
    assertThat(data)
        .isEqualTo(
            new TemplateSend(
                "oAlice",
                "tpl-1",
                "https://shop.example/o/42",
                new TemplateSend.Miniprogram("wxapp", "pages/order?id=42"),
                values));
    assertThat(json(data))
        .contains(
            "\"data\":{\"first\":{\"value\":\"Paid, thank you\"},\"keyword1\":{\"value\":\"a=b\"}}");
    assertThat(encoded(data).key()).isEqualTo(APPID + ":oAlice");
    assertThat(encoded(data).follow()).isEqualTo(FollowUp.DELIVERY);
    assertThat(encoded(data).broadcast()).isFalse();
    assertThat(
            ((TemplateSend)
                    data(
                        "template",
                        "send",
                        "--to",
                        "oA",
                        "--template",
                        "t",
                        "--value",
                        "k=v",
                        "--miniprogram",
                        "wxapp"))
                .miniprogram())
        .isEqualTo(new TemplateSend.Miniprogram("wxapp", null));
    assertThatThrownBy(() -> data("template", "send", "--to", "oA", "--template", "t"))
        .hasMessage("template send needs a --value KEY=VALUE for each of the template's keys");
    assertThatThrownBy(() -> data("template", "send", "--to", "oA,oB", "--template", "t"))
        .hasMessage("template send needs exactly one --to OPENID");
  }

  @Test
  void theTemplateToolsTakeTheirFlags() {
    assertThat(data("template", "list")).isEqualTo(new TemplateList());
    assertThat(data("template", "add", "--short", "9527", "--keywords", "订单号,金额"))
        .isEqualTo(new TemplateAdd("9527", List.of("订单号", "金额")));
    assertThat(data("template", "add", "--short", "TM00015"))
        .isEqualTo(new TemplateAdd("TM00015", null));
    assertThat(data("template", "delete", "--template", "tpl-1"))
        .isEqualTo(new TemplateDelete("tpl-1"));
    assertThat(data("template", "industry")).isEqualTo(new TemplateIndustryGet());
    var set = data("template", "industry", "--set", "1,4");
    assertThat(set).isEqualTo(new TemplateIndustrySet("1", "4"));
    assertThat(encoded(set).event().type()).isEqualTo("wechat.template.industry.set");
    assertThatThrownBy(() -> data("template", "industry", "--set", "1"))
        .hasMessage("template industry --set needs two industry codes, e.g. --set 1,4");
    assertThatThrownBy(() -> data("template", "add"))
        .hasMessage("template add needs --short (or the whole data with --data FILE)");
  }

  @Test
  void theUserVerbsMakeTheirRecords() throws Exception {
    var sync = data("users", "sync");
    assertThat(sync).isEqualTo(new UsersSync());
    assertThat(encoded(sync).key()).isEqualTo(APPID);
    assertThat(encoded(sync).follow()).isEqualTo(FollowUp.NOTHING);
    assertThat(data("users", "info", "--to", "oA,oB", "--lang", "zh_CN"))
        .isEqualTo(new UsersInfo(List.of("oA", "oB"), "zh_CN"));
    Path many = dir.resolve("many.txt");
    Files.writeString(many, "oA\noB\noC\n");
    assertThat(data("users", "info", "--to", "@" + many))
        .isEqualTo(new UsersInfo(List.of("oA", "oB", "oC"), null));
    assertThatThrownBy(() -> data("users", "info"))
        .hasMessage("users info needs --to (or the whole data with --data FILE)");
    assertThatThrownBy(() -> encoded(new UsersInfo(List.of(), null)))
        .hasMessageContaining("/data/openid_list");
  }
}
