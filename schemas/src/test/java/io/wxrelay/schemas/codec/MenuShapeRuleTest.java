package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractViolation.Kind;
import io.wxrelay.schemas.codec.ContractViolation.Problem;
import io.wxrelay.schemas.command.MenuConditionalAdd;
import io.wxrelay.schemas.command.MenuCreate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** WeChat's menu rules, checked when a menu command is read, each named by its pointer. */
class MenuShapeRuleTest {
  private static final ContractCodec CODEC = ContractCodec.create();

  /** The example's second top button, which opens sub-buttons. */
  private static final String PARENT = "/data/button/1";

  /** Its first sub-button, a view. */
  private static final String SUB = "/data/button/1/sub_button/0";

  @Test
  void theExamplesPassAndBindToTheirRecords() {
    assertThat(CODEC.decode(Examples.bytes(EventType.MENU_CREATE)).data())
        .isInstanceOf(MenuCreate.class);
    assertThat(CODEC.decode(Examples.bytes(EventType.MENU_CONDITIONAL_ADD)).data())
        .isInstanceOf(MenuConditionalAdd.class);
  }

  @Test
  void aTopNameIsCountedInBytesNotCharacters() {
    // 5 Chinese characters are 15 bytes: fine; 6 are 18 bytes, though only 6 characters.
    assertThat(problem(menu(b -> b.put("name", "一二三四五")))).isNull();
    assertThat(problem(menu(b -> b.put("name", "一二三四五六"))))
        .isEqualTo(
            new Problem("/data/button/0/name", "is 18 UTF-8 bytes; WeChat takes at most 16"));
    assertThat(problem(menu(b -> b.put("name", "a".repeat(16))))).isNull();
  }

  @Test
  void aSubButtonNameMayHave60Bytes() {
    assertThat(problem(at(SUB, b -> b.put("name", "二".repeat(20))))).isNull();
    assertThat(problem(at(SUB, b -> b.put("name", "二".repeat(21)))).pointer())
        .isEqualTo("/data/button/1/sub_button/0/name");
  }

  @Test
  void aKeyHasAtMost128BytesAndAUrl1024() {
    assertThat(problem(menu(b -> b.put("key", "é".repeat(64))))).isNull();
    assertThat(problem(menu(b -> b.put("key", "é".repeat(65)))).pointer())
        .isEqualTo("/data/button/0/key");
    assertThat(problem(at(SUB, b -> b.put("url", "https://a/" + "é".repeat(508)))).pointer())
        .isEqualTo("/data/button/1/sub_button/0/url");
  }

  @Test
  void eachTypeNeedsItsField() {
    assertThat(problem(menu(b -> b.remove("key"))).message()).isEqualTo("a click button needs key");
    assertThat(problem(at(SUB, b -> b.remove("url"))).pointer())
        .isEqualTo("/data/button/1/sub_button/0/url");
    assertThat(
            violation(menu(b -> b.put("type", "miniprogram").put("url", "https://a/"))).problems())
        .extracting(Problem::pointer)
        .containsExactly("/data/button/0/appid", "/data/button/0/pagepath");
    assertThat(problem(menu(b -> b.put("type", "media_id"))).pointer())
        .isEqualTo("/data/button/0/media_id");
    assertThat(problem(menu(b -> b.put("type", "article_view_limited"))).pointer())
        .isEqualTo("/data/button/0/article_id");
  }

  @Test
  void aButtonOpensSubButtonsOrActsNotBoth() {
    ContractViolation withType = violation(at(PARENT, b -> b.put("type", "click")));
    assertThat(withType.problems())
        .contains(
            new Problem(
                "/data/button/1/type", "a button that opens sub_button has no type of its own"));
    assertThat(problem(menu(b -> b.remove("type"))))
        .isEqualTo(new Problem("/data/button/0", "a button without sub_button needs a type"));
  }

  @Test
  void theSchemaCountsButtons() {
    ObjectNode four = example(EventType.MENU_CREATE);
    var buttons = four.withArray("/data/button");
    buttons.add(buttons.get(0).deepCopy());
    buttons.add(buttons.get(0).deepCopy());
    assertThat(violation(four).problems())
        .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/data/button"));
    ObjectNode sixSubs = example(EventType.MENU_CREATE);
    var subs = sixSubs.withArray("/data/button/1/sub_button");
    for (int i = 0; i < 3; i++) {
      subs.add(subs.get(0).deepCopy());
    }
    assertThat(violation(sixSubs).problems())
        .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/data/button/1/sub_button"));
  }

  @Test
  void aConditionalRuleNamesNoSexRegionOrLanguage() {
    ObjectNode add = example(EventType.MENU_CONDITIONAL_ADD);
    ((ObjectNode) add.at("/data/matchrule")).put("country", "中国");
    assertThat(violation(add).problems())
        .containsExactly(
            new Problem(
                "/data/matchrule/country",
                "WeChat refuses menus matched by sex, region or language (65320); use tag_id"));
    ObjectNode empty = example(EventType.MENU_CONDITIONAL_ADD);
    ((ObjectNode) empty.at("/data/matchrule")).removeAll();
    assertThat(violation(empty).problems())
        .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/data/matchrule"));
  }

  /** The create example with its first (click) button changed by {@code change}. */
  private static ObjectNode menu(Consumer<ObjectNode> change) {
    return at("/data/button/0", change);
  }

  /** The create example with the button at {@code pointer} changed by {@code change}. */
  private static ObjectNode at(String pointer, Consumer<ObjectNode> change) {
    ObjectNode event = example(EventType.MENU_CREATE);
    change.accept((ObjectNode) event.at(pointer));
    return event;
  }

  private static ObjectNode example(EventType type) {
    return (ObjectNode) CODEC.mapper().readTree(Examples.bytes(type));
  }

  private static ContractViolation violation(ObjectNode event) {
    ContractViolation violation =
        catchThrowableOfType(
            ContractViolation.class, () -> CODEC.decode(CODEC.mapper().writeValueAsBytes(event)));
    assertThat(violation).isNotNull();
    assertThat(violation.kind()).isEqualTo(Kind.SCHEMA);
    return violation;
  }

  /** The one problem of {@code event}, or null when it is read fine. */
  private static Problem problem(ObjectNode event) {
    try {
      CODEC.decode(CODEC.mapper().writeValueAsBytes(event));
      return null;
    } catch (ContractViolation v) {
      assertThat(v.problems()).hasSize(1);
      return v.problems().getFirst();
    }
  }
}
