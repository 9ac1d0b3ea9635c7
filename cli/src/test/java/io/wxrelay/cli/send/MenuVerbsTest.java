package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.cli.main.WxRelay;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MenuConditionalDelete;
import io.wxrelay.schemas.command.MenuDelete;
import io.wxrelay.schemas.command.MenuGet;
import io.wxrelay.schemas.command.MenuTryMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/**
 * {@code wxrelay menu}: each verb makes its schemas record, a menu breaking WeChat's rules is one
 * sentence with its pointer, and {@code --wait} prints a menu as a tree.
 */
class MenuVerbsTest {
  @TempDir Path dir;

  @Test
  void theVerbsMakeTheirRecords() {
    assertThat(data("menu", "get")).isEqualTo(new MenuGet());
    assertThat(data("menu", "delete")).isEqualTo(new MenuDelete());
    assertThat(data("menu", "trymatch", "--user", "oAlice")).isEqualTo(new MenuTryMatch("oAlice"));
    assertThat(data("menu", "conditional", "delete", "--menuid", "208379533"))
        .isEqualTo(new MenuConditionalDelete("208379533"));
    assertThat(SendRun.encoded(data("menu", "get")).event().type()).isEqualTo("wechat.menu.get");
  }

  @Test
  void aMenuComesFromDataAndABrokenOneIsOneSentenceWithItsPointer() throws Exception {
    SendRun.expectUsageError(
        "error: menu create needs --data FILE holding {\"button\":[...]}", "menu", "create");
    SendRun.expectUsageError(
        "error: menu conditional add needs --data FILE holding", "menu", "conditional", "add");
    SendRun.expectUsageError("error: menu needs a verb: create, get, delete, trymatch", "menu");
    SendRun.expectUsageError(
        "error: wechat.menu.get is written by ./wxrelay menu (see: wxrelay menu --help)",
        "send",
        "wechat.menu.get");
    Path menu = dir.resolve("menu.json");
    Files.writeString(
        menu, "{\"button\":[{\"type\":\"click\",\"name\":\"一二三四五六\",\"key\":\"K\"}]}");
    SendRun.Ran ran =
        SendRun.run("menu", "create", "--app", SendRun.APPID, "--data", menu.toString());
    assertThat(ran.exitCode()).as(ran.err()).isEqualTo(2);
    assertThat(ran.err()).contains("/data/button/0/name").contains("18 UTF-8 bytes");
    assertThat(ran.err().lines().count()).isEqualTo(1);
  }

  @Test
  void aMenuIsPrintedAsATree() {
    String response =
        """
        {"menu": {"button": [{"type": "click", "name": "Today", "key": "TODAY", "sub_button": []},
          {"name": "More", "sub_button": [
            {"type": "view", "name": "Shop", "url": "https://shop.example/", "sub_button": []},
            {"type": "click", "name": "Like", "key": "LIKE", "sub_button": []}]}],
          "menuid": 208396938},
         "conditionalmenu": [{"button": [{"type": "click", "name": "VIP", "key": "VIP"}],
          "matchrule": {"tag_id": "2"}, "menuid": 208396993}]}
        """;
    assertThat(ResponseLinesTest.lines("wechat.menu.get", response))
        .containsExactly(
            "menu 208396938",
            "├─ Today  [click] TODAY",
            "└─ More",
            "   ├─ Shop  [view] https://shop.example/",
            "   └─ Like  [click] LIKE",
            "conditional menu 208396993 for tag_id=2",
            "└─ VIP  [click] VIP");
    assertThat(
            ResponseLinesTest.lines(
                "wechat.menu.create",
                "{\"errcode\":0,\"clickKeysWithoutRule\":[\"LIKE\"],\"ruleKeysNotInMenu\":[]}"))
        .containsExactly("click keys no reply rule answers: LIKE");
    assertThat(ResponseLinesTest.lines("wechat.menu.conditional.add", "{\"menuid\":\"208396993\"}"))
        .containsExactly("menuid 208396993");
  }

  /** The data the deepest verb of {@code args} makes. */
  private static CommandData data(String... args) {
    ParseResult parsed = WxRelay.commandLine(Map.of()).parseArgs(args);
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return ((KindCommand) parsed.commandSpec().userObject()).data();
  }
}
