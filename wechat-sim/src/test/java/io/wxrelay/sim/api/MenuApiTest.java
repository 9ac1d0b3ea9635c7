package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimFixture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Custom menus through the simulator's HTTP API, with WeChat's rules and codes (§11). */
class MenuApiTest {
  static final String MENU =
      "{\"button\":[{\"type\":\"click\",\"name\":\"Today\",\"key\":\"TODAY\"},"
          + "{\"name\":\"More\",\"sub_button\":[{\"type\":\"view\",\"name\":\"Site\","
          + "\"url\":\"https://example.com/\"},{\"type\":\"click\",\"name\":\"Like\","
          + "\"key\":\"LIKE\"}]}]}";

  private final SimFixture f = new SimFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aCreatedMenuIsReadWithItsIdAndAnEmptySubButtonOnEveryButton() {
    assertThat(errcode(f.call("menu/get", ""))).isEqualTo(46003);
    assertThat(errcode(f.call("menu/create", MENU))).isZero();

    JsonNode menu = f.call("menu/get", "").path("menu");
    assertThat(menu.path("menuid").asLong()).isPositive();
    assertThat(menu.at("/button/0/sub_button").isArray()).isTrue();
    assertThat(menu.at("/button/0/sub_button")).isEmpty();
    assertThat(menu.at("/button/1/sub_button/1/key").asString()).isEqualTo("LIKE");
    assertThat(menu.at("/button/1/sub_button/1/sub_button")).isEmpty();
  }

  @Test
  void theShapeRulesAnswerWithWeChatsCodes() {
    String click = "{\"type\":\"click\",\"name\":\"a\",\"key\":\"k\"}";
    assertThat(create("[]")).isEqualTo(40016);
    assertThat(create("[" + String.join(",", List.of(click, click, click, click)) + "]"))
        .isEqualTo(40016);
    assertThat(create("[{\"type\":\"tap\",\"name\":\"a\",\"key\":\"k\"}]")).isEqualTo(40017);
    assertThat(create("[{\"type\":\"click\",\"name\":\"一二三四五\",\"key\":\"k\"}]")).isZero();
    assertThat(create("[{\"type\":\"click\",\"name\":\"一二三四五六\",\"key\":\"k\"}]")).isEqualTo(40018);
    assertThat(create("[{\"type\":\"click\",\"name\":\"a\"}]")).isEqualTo(40019);
    assertThat(create("[{\"type\":\"view\",\"name\":\"a\",\"url\":\"" + "u".repeat(1025) + "\"}]"))
        .isEqualTo(40020);
    assertThat(create("[{\"name\":\"a\",\"sub_button\":[]}]")).isEqualTo(40023);
    String six = String.join(",", List.of(click, click, click, click, click, click));
    assertThat(create("[{\"name\":\"a\",\"sub_button\":[" + six + "]}]")).isEqualTo(40023);
    assertThat(
            create(
                "[{\"name\":\"a\",\"sub_button\":[{\"type\":\"click\",\"name\":\""
                    + "二".repeat(21)
                    + "\",\"key\":\"k\"}]}]"))
        .isEqualTo(40025);
    assertThat(create("[{\"name\":\"a\",\"sub_button\":[{\"type\":\"click\",\"name\":\"b\"}]}]"))
        .isEqualTo(40026);
    assertThat(create("[{\"name\":\"a\",\"sub_button\":[{\"type\":\"view\",\"name\":\"b\"}]}]"))
        .isEqualTo(40027);
    assertThat(create("[{\"type\":\"click\",\"name\":\"\\u4eca\",\"key\":\"k\"}]"))
        .isEqualTo(40033);
  }

  @Test
  void aConditionalMenuNeedsADefaultMenuAndAPermittedRule() {
    String add =
        "{\"button\":[{\"type\":\"click\",\"name\":\"VIP\",\"key\":\"VIP\"}],\"matchrule\":";
    assertThat(errcode(f.call("menu/addconditional", add + "{\"tag_id\":\"100\"}}")))
        .isEqualTo(65303);
    f.call("menu/create", MENU);
    assertThat(errcode(f.call("menu/addconditional", add + "{}}"))).isEqualTo(65304);
    assertThat(errcode(f.call("menu/addconditional", add + "{\"sex\":\"1\"}}"))).isEqualTo(65320);
    assertThat(
            errcode(f.call("menu/addconditional", add + "{\"tag_id\":\"100\",\"city\":\"广州\"}}")))
        .isEqualTo(65320);

    String menuid =
        f.call("menu/addconditional", add + "{\"tag_id\":\"100\"}}").path("menuid").asString();
    assertThat(menuid).matches("\\d+");
    JsonNode both = f.call("menu/get", "");
    assertThat(both.at("/conditionalmenu/0/menuid").asString()).isEqualTo(menuid);
    assertThat(both.at("/conditionalmenu/0/matchrule/tag_id").asString()).isEqualTo("100");

    assertThat(errcode(f.call("menu/delconditional", "{\"menuid\":\"" + menuid + "\"}"))).isZero();
    assertThat(errcode(f.call("menu/delconditional", "{\"menuid\":\"" + menuid + "\"}")))
        .isEqualTo(65301);
  }

  @Test
  void aConditionalMenuHasALimit() {
    f.call("menu/create", MENU);
    String add =
        "{\"button\":[{\"type\":\"click\",\"name\":\"VIP\",\"key\":\"VIP\"}],\"matchrule\":{\"tag_id\":\"100\"}}";
    for (int i = 0; i < io.wxrelay.sim.menu.MenuStore.MAX_CONDITIONAL; i++) {
      assertThat(errcode(f.call("menu/addconditional", add))).isZero();
    }
    assertThat(errcode(f.call("menu/addconditional", add))).isEqualTo(65305);
  }

  @Test
  void trymatchShowsTheNewestMatchingConditionalMenuElseTheDefault() {
    f.call("menu/create", MENU);
    String tagged = f.sim.accounts().population(DEFAULT_APPID).following(100).getFirst();
    String untagged = "oUntagged01";
    f.sim.accounts().population(DEFAULT_APPID).add(untagged, true, java.util.Set.of());
    f.call("menu/addconditional", conditional("OLD", "100"));
    f.call("menu/addconditional", conditional("NEW", "100"));
    f.call("menu/addconditional", conditional("OTHER", "101"));

    assertThat(tryMatch(tagged).at("/button/0/key").asString()).isEqualTo("NEW");
    assertThat(tryMatch(untagged).at("/button/0/key").asString()).isEqualTo("TODAY");
    assertThat(errcode(tryMatch("oNobody"))).isEqualTo(65302);

    assertThat(errcode(f.call("menu/delete", ""))).isZero();
    assertThat(errcode(f.call("menu/get", ""))).isEqualTo(46003);
    assertThat(errcode(tryMatch(tagged))).isEqualTo(46003);
  }

  private static String conditional(String key, String tag) {
    return "{\"button\":[{\"type\":\"click\",\"name\":\""
        + key
        + "\",\"key\":\""
        + key
        + "\"}],\"matchrule\":{\"tag_id\":\""
        + tag
        + "\"}}";
  }

  private JsonNode tryMatch(String user) {
    return f.call("menu/trymatch", "{\"user_id\":\"" + user + "\"}");
  }

  private int create(String buttons) {
    return errcode(f.call("menu/create", "{\"button\":" + buttons + "}"));
  }
}
