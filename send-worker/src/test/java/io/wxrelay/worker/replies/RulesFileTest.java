package io.wxrelay.worker.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.codec.ContractCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RulesFileTest {
  static final String APPID = "wx5823bf96d3bd56c7";

  /** A file with every kind of rule, as docs/operations.md shows it. */
  static final String RULES =
      """
      {"wx5823bf96d3bd56c7": {
        "welcome": {"msgtype": "text", "text": {"content": "Welcome!"}},
        "welcomeByScene": {"store-42": {"msgtype": "text", "text": {"content": "Welcome to store 42"}}},
        "keywords": [
          {"exact": "hours", "reply": {"msgtype": "text", "text": {"content": "9 to 5"}}},
          {"contains": "refund", "reply": {"msgtype": "text", "text": {"content": "Refunds: reply ORDER <no>"}}},
          {"regex": "^order\\\\s+(\\\\d+)$", "reply": {"msgtype": "news", "news": {"articles": [
            {"title": "Your orders", "url": "https://shop.example/orders?openid={openid}"}]}}}
        ],
        "otherwise": {"msgtype": "text", "text": {"content": "We'll answer soon."}},
        "clicks": {"MENU_HELP": {"msgtype": "text", "text": {"content": "Help is on its way"}}}
      }}
      """;

  private final RulesFile parser = new RulesFile(ContractCodec.create());

  private Map<String, AccountRules> parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Optional<JsonNode> reply) {
    return reply
        .map(r -> r.at("/text/content").asString(r.at("/news/articles/0/title").asString()))
        .orElse(null);
  }

  @Test
  void everyKindOfRuleAnswersWhatItShould() {
    AccountRules rules = parse(RULES).get(APPID);

    assertThat(text(rules.onFollow(null))).isEqualTo("Welcome!");
    assertThat(text(rules.onFollow("store-42"))).isEqualTo("Welcome to store 42");
    assertThat(text(rules.onFollow("elsewhere"))).isEqualTo("Welcome!");
    assertThat(text(rules.onText(" Hours ")))
        .as("exact, case and spaces aside")
        .isEqualTo("9 to 5");
    assertThat(text(rules.onText("opening hours?")))
        .as("not exact")
        .isEqualTo("We'll answer soon.");
    assertThat(text(rules.onText("I want a REFUND now"))).startsWith("Refunds");
    assertThat(text(rules.onText("order 42"))).isEqualTo("Your orders");
    assertThat(text(rules.onClick("MENU_HELP"))).isEqualTo("Help is on its way");
    assertThat(rules.onClick("MENU_OTHER")).isEmpty();
  }

  @Test
  void theFirstMatchingKeywordWins() {
    AccountRules rules =
        parse(
                """
                {"wx5823bf96d3bd56c7": {"keywords": [
                  {"contains": "a", "reply": {"msgtype": "text", "text": {"content": "first"}}},
                  {"exact": "abc", "reply": {"msgtype": "text", "text": {"content": "second"}}}]}}
                """)
            .get(APPID);

    assertThat(text(rules.onText("abc"))).isEqualTo("first");
    assertThat(rules.onText("xyz")).as("no otherwise: no answer").isEmpty();
  }

  @Test
  void aFileWithProblemsIsRefusedNamingEachByItsPointer() {
    RulesFile.Refused refused =
        catchThrowableOfType(
            RulesFile.Refused.class,
            () ->
                parse(
                    """
                    {"wx5823bf96d3bd56c7": {
                      "welcome": {"msgtype": "text", "text": {"content": "Hi {name}"}},
                      "keywords": [
                        {"regex": "(unclosed", "reply": {"msgtype": "text", "text": {"content": "x"}}},
                        {"exact": "a", "contains": "b", "reply": {"msgtype": "text", "text": {"content": "x"}}},
                        {"exact": "c"}
                      ],
                      "clicks": {"K": {"msgtype": "image"}},
                      "greeting": {}
                    }}
                    """));

    assertThat(refused.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "/wx5823bf96d3bd56c7/welcome/text/content: unknown placeholder {name}"))
        .anySatisfy(p -> assertThat(p).startsWith("/wx5823bf96d3bd56c7/keywords/0/regex: "))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "/wx5823bf96d3bd56c7/keywords/1: exactly one of exact, contains, regex"))
        .anySatisfy(p -> assertThat(p).isEqualTo("/wx5823bf96d3bd56c7/keywords/2/reply: missing"))
        .anySatisfy(p -> assertThat(p).startsWith("/wx5823bf96d3bd56c7/clicks/K"))
        .anySatisfy(p -> assertThat(p).startsWith("/wx5823bf96d3bd56c7/greeting: not a rule"));
  }

  @Test
  void aReplyWithARecipientOfItsOwnOrNotJsonIsRefused() {
    assertThat(
            catchThrowableOfType(
                    RulesFile.Refused.class,
                    () ->
                        parse(
                            """
                            {"wx5823bf96d3bd56c7": {"welcome": {"touser": "oSomeoneElse1",
                              "msgtype": "text", "text": {"content": "Hi"}}}}
                            """))
                .problems())
        .contains(
            "/wx5823bf96d3bd56c7/welcome/touser: a reply goes to whoever triggered it; leave touser out");
    assertThat(catchThrowableOfType(RulesFile.Refused.class, () -> parse("{not json")).problems())
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("not JSON"));
  }
}
