package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MenuButton;
import io.wxrelay.schemas.command.MenuConditionalAdd;
import io.wxrelay.schemas.command.MenuCreate;
import io.wxrelay.schemas.command.MenuMatchRule;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.worker.menus.MenuKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Menu commands through the processor and the run: a menu breaking WeChat's rules is dead before
 * any call, its letter naming the field; a menu WeChat accepted leaves its click keys for the reply
 * rules' check, and a create's result says what no rule answers. That bookkeeping is advisory: a
 * failing store leaves the command as WeChat answered it.
 */
class MenuCommandsRunTest {
  private final DispatchHarness h = new DispatchHarness();

  @Test
  void aNameOverWeChatsBytesIsDeadAsInvalidWithoutACall() throws Exception {
    String command =
        "{\"specversion\":\"1.0\",\"id\":\"cmd-menu\",\"source\":\"/test\","
            + "\"type\":\"wechat.menu.create\",\"time\":\"2026-12-06T08:00:00Z\",\"subject\":\""
            + APPID
            + "\",\"data\":{\"button\":[{\"type\":\"click\",\"name\":\"一二三四五六\",\"key\":\"K\"}]}}";
    h.processor.handle(h.record(command.getBytes(StandardCharsets.UTF_8), APPID, Map.of()));

    DeadLetter letter = h.deadLetters().getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.INVALID);
    assertThat(letter.pointer()).isEqualTo("/data/button/0/name");
    assertThat(h.onlyResult().status()).isEqualTo(Status.DEAD);
    assertThat(h.wechat.calls).isEmpty();
  }

  @Test
  void anAcceptedMenuLeavesItsClickKeysAndItsResultSaysWhichNoRuleAnswers() throws Exception {
    h.wechat.answers(0);
    MenuCreate menu =
        new MenuCreate(
            List.of(
                MenuButton.click("Today", "TODAY"),
                MenuButton.parent("More", List.of(MenuButton.view("Shop", "https://a.example/")))));
    h.processor.handle(h.record(h.command(EventType.MENU_CREATE, "cmd-create", menu), APPID));

    CommandResult created = h.onlyResult();
    assertThat(created.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(created.response())
        .containsEntry("clickKeysWithoutRule", List.of("TODAY"))
        .containsEntry("ruleKeysNotInMenu", List.of());
    assertThat(h.menuKeys.all(APPID)).isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of("TODAY")));
  }

  @Test
  void aConditionalMenuIsKeptUnderItsMenuid() throws Exception {
    h.wechat.succeeds(Map.of("menuid", "208379533"));
    MenuConditionalAdd vip =
        new MenuConditionalAdd(
            List.of(MenuButton.click("VIP", "VIP")), new MenuMatchRule("2", null));
    h.processor.handle(h.record(h.command(EventType.MENU_CONDITIONAL_ADD, "cmd-vip", vip), APPID));

    assertThat(h.onlyResult().response()).containsEntry("menuid", "208379533");
    assertThat(h.menuKeys.all(APPID)).isEqualTo(Map.of("208379533", Set.of("VIP")));
  }

  @Test
  void aFailingMenuKeyStoreLeavesTheConditionalMenuSucceededWithItsMenuid() throws Exception {
    h.menuStore.broken = true;
    h.wechat.succeeds(Map.of("menuid", "208379533"));
    MenuConditionalAdd vip =
        new MenuConditionalAdd(
            List.of(MenuButton.click("VIP", "VIP")), new MenuMatchRule("2", null));
    h.processor.handle(h.record(h.command(EventType.MENU_CONDITIONAL_ADD, "cmd-vip", vip), APPID));

    CommandResult added = h.onlyResult();
    assertThat(added.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(added.response()).containsEntry("menuid", "208379533");
    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(h.counter("wxrelay.worker.redis.errors", "kind", "advisory", "reason", "noperm"))
        .isEqualTo(1);
    assertThat(h.menuKeys.all(APPID)).isEmpty();
  }

  @Test
  void aFailingMenuKeyStoreLeavesACreateSucceededWithoutTheCheck() throws Exception {
    h.menuStore.broken = true;
    h.wechat.answers(0);
    MenuCreate menu = new MenuCreate(List.of(MenuButton.click("Today", "TODAY")));
    h.processor.handle(h.record(h.command(EventType.MENU_CREATE, "cmd-create", menu), APPID));

    CommandResult created = h.onlyResult();
    assertThat(created.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(created.response()).as("no check's lists, and WeChat said nothing more").isNull();
    assertThat(h.wechat.calls).hasSize(1);
  }
}
