package io.wxrelay.worker.menus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.replies.ReplyRules;
import io.wxrelay.worker.replies.RulesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The menus' click keys follow the menu calls WeChat accepted, and the reply rules are checked
 * against them: a create's result names both differences, the gauge counts the rules' unknown keys,
 * and a change of them is warned about once.
 */
class MenuWatchTest {
  private static final String APP = "wx5823bf96d3bd56c7";
  private final JsonMapper mapper = ContractCodec.newMapper();
  private final InMemoryMenuKeys keys = new InMemoryMenuKeys();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ClickKeyCheck check;
  private MenuWatch watch;

  @TempDir Path dir;

  @BeforeEach
  void rules() throws Exception {
    Path file = dir.resolve("rules.json");
    String reply = "{\"msgtype\": \"text\", \"text\": {\"content\": \"hi\"}}";
    Files.writeString(
        file,
        "{\"%s\": {\"clicks\": {\"TODAY\": %s, \"VIP\": %s, \"OLD\": %s}}}"
            .formatted(APP, reply, reply, reply));
    ReplyRules rules =
        ReplyRules.fromFile(
            file,
            new RulesFile(ContractCodec.create()),
            Duration.ofSeconds(5),
            Clock.systemUTC(),
            ok -> {});
    check = new ClickKeyCheck(keys, rules, new WorkerMeters.Recorder(registry));
    watch = new MenuWatch(keys, check, mapper);
  }

  @Test
  void aCreateRemembersItsClickKeysAndItsResultNamesBothDifferences() {
    Map<String, Object> fields = watch.answered(APP, create("TODAY", "LIKE"), Map.of());

    assertThat(keys.all(APP)).isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of("TODAY", "LIKE")));
    assertThat(fields)
        .containsEntry("clickKeysWithoutRule", List.of("LIKE"))
        .containsEntry("ruleKeysNotInMenu", List.of("OLD", "VIP"));
    assertThat(unknownClicks()).isEqualTo(2);
  }

  @Test
  void conditionalMenusAddAndTakeAwayTheirKeys() {
    watch.answered(APP, create("TODAY"), Map.of());
    Request add = json("menu/addconditional", "{\"button\":[" + click("VIP") + "]}");

    assertThat(watch.answered(APP, add, Map.of("menuid", "208"))).isEmpty();
    assertThat(keys.all(APP)).containsEntry("208", Set.of("VIP"));
    assertThat(unknownClicks()).isEqualTo(1);

    watch.answered(APP, json("menu/delconditional", "{\"menuid\":\"208\"}"), Map.of());
    assertThat(keys.all(APP)).doesNotContainKey("208");
    watch.answered(APP, new Request.Query("menu/delete", Map.of()), Map.of());
    assertThat(keys.all(APP)).isEmpty();
    assertThat(unknownClicks()).isEqualTo(3);
  }

  @Test
  void aGetReplacesTheKeysWithWhatWeChatHas() {
    watch.answered(APP, create("OLD"), Map.of());
    Map<String, Object> answer =
        mapper.convertValue(
            mapper.readTree(
                "{\"menu\":{\"button\":[{\"name\":\"m\",\"sub_button\":["
                    + click("TODAY")
                    + "]}],\"menuid\":1},\"conditionalmenu\":[{\"button\":["
                    + click("VIP")
                    + "],\"matchrule\":{\"tag_id\":\"2\"},\"menuid\":208}]}"),
            Map.class);

    watch.answered(APP, new Request.Query("menu/get", Map.of()), answer);

    assertThat(keys.all(APP))
        .isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of("TODAY"), "208", Set.of("VIP")));
    assertThat(unknownClicks()).isEqualTo(1);
  }

  @Test
  void theUnknownKeysAreWarnedAboutOncePerChange() {
    assertThat(check.check(APP).warned()).isTrue(); // no menu known: all three
    assertThat(check.check(APP).warned()).isFalse();
    watch.answered(APP, create("TODAY", "VIP"), Map.of());
    assertThat(check.check(APP).ruleKeysNotInMenu()).containsExactly("OLD");
    watch.answered(APP, create("TODAY", "VIP", "OLD"), Map.of());
    assertThat(check.check(APP).warned()).isFalse(); // none left: nothing to warn about
    assertThat(unknownClicks()).isZero();
  }

  @Test
  void otherCallsAreNotMenus() {
    assertThat(watch.answered(APP, json("message/custom/send", "{}"), Map.of())).isEmpty();
    assertThat(keys.all(APP)).isEmpty();
  }

  private double unknownClicks() {
    return registry
        .get("wxrelay.worker.reply.rules.unknown.clicks")
        .tag("appid", APP)
        .gauge()
        .value();
  }

  private Request create(String... clickKeys) {
    List<String> buttons = List.of(clickKeys).stream().map(MenuWatchTest::click).toList();
    return json("menu/create", "{\"button\":[" + String.join(",", buttons) + "]}");
  }

  private static String click(String key) {
    return "{\"type\":\"click\",\"name\":\"" + key + "\",\"key\":\"" + key + "\"}";
  }

  private Request json(String api, String body) {
    return new Request.Json(api, (ObjectNode) mapper.readTree(body));
  }
}
