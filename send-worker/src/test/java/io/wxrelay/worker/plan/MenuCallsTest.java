package io.wxrelay.worker.plan;

import static io.wxrelay.worker.plan.OneCallPlans.body;
import static io.wxrelay.worker.plan.OneCallPlans.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.MenuButton;
import io.wxrelay.schemas.command.MenuConditionalAdd;
import io.wxrelay.schemas.command.MenuConditionalDelete;
import io.wxrelay.schemas.command.MenuCreate;
import io.wxrelay.schemas.command.MenuDelete;
import io.wxrelay.schemas.command.MenuGet;
import io.wxrelay.schemas.command.MenuMatchRule;
import io.wxrelay.schemas.command.MenuTryMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The menu commands: one call each, in WeChat's spelling, repeatable when a repeat is harmless. */
class MenuCallsTest {
  private static final List<MenuButton> MENU =
      List.of(
          MenuButton.click("Today", "TODAY"),
          MenuButton.parent("More", List.of(MenuButton.view("Site", "https://example.com/"))));
  private final JsonMapper mapper = ContractCodec.newMapper();
  private final OneCallPlans plans = new OneCallPlans(mapper);

  private CallPlan plan(EventType type, Object data) {
    return plans.plan(type, data);
  }

  @Test
  void aCreateSendsWeChatsButtonsAndMayBeRepeated() {
    CallPlan create = plan(EventType.MENU_CREATE, new MenuCreate(MENU));

    assertThat(body(create, "menu/create"))
        .isEqualTo(
            mapper.readTree(
                "{\"button\":[{\"type\":\"click\",\"name\":\"Today\",\"key\":\"TODAY\"},"
                    + "{\"name\":\"More\",\"sub_button\":[{\"type\":\"view\",\"name\":\"Site\","
                    + "\"url\":\"https://example.com/\"}]}]}"));
    assertThat(create.repeatable()).isTrue();
  }

  @Test
  void getAndDeleteAreGetsAndMayBeRepeated() {
    CallPlan get = plan(EventType.MENU_GET, new MenuGet());
    CallPlan delete = plan(EventType.MENU_DELETE, new MenuDelete());

    assertThat(request(get)).isEqualTo(new Request.Query("menu/get", Map.of()));
    assertThat(request(delete)).isEqualTo(new Request.Query("menu/delete", Map.of()));
    assertThat(List.of(get.repeatable(), delete.repeatable())).containsExactly(true, true);
  }

  @Test
  void aConditionalMenuIsNotRepeatedForARepeatWouldAddASecond() {
    CallPlan add =
        plan(
            EventType.MENU_CONDITIONAL_ADD,
            new MenuConditionalAdd(MENU.subList(0, 1), new MenuMatchRule("2", null)));
    CallPlan delete = plan(EventType.MENU_CONDITIONAL_DELETE, new MenuConditionalDelete("208"));

    assertThat(body(add, "menu/addconditional").get("matchrule"))
        .isEqualTo(mapper.readTree("{\"tag_id\":\"2\"}"));
    assertThat(body(delete, "menu/delconditional"))
        .isEqualTo(mapper.readTree("{\"menuid\":\"208\"}"));
    assertThat(List.of(add.repeatable(), delete.repeatable())).containsExactly(false, false);
  }

  @Test
  void aTryMatchNamesTheUserAndMayBeRepeated() {
    CallPlan trymatch = plan(EventType.MENU_TRYMATCH, new MenuTryMatch("oAlice"));

    assertThat(body(trymatch, "menu/trymatch"))
        .isEqualTo(mapper.readTree("{\"user_id\":\"oAlice\"}"));
    assertThat(trymatch.repeatable()).isTrue();
  }
}
