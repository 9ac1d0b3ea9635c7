package io.wxrelay.schemas.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.command.ReplyTemplate.Unknown;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReplyTemplateTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> SCAN =
      Map.of(
          "openid", "oUser+1/x",
          "scene", "order 42",
          "appid", "wx5823bf96d3bd56c7",
          "event_time", "2026-11-26T08:00:00Z");

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void aTextGetsTheScansValuesAsTheyAre() {
    JsonNode filled =
        ReplyTemplate.fill(
            json("{\"msgtype\":\"text\",\"text\":{\"content\":\"Hi {openid}, order {scene}\"}}"),
            SCAN);

    assertThat(filled.at("/text/content").asString()).isEqualTo("Hi oUser+1/x, order order 42");
  }

  @Test
  void aUrlGetsThemEncodedAndOtherFieldsOfTheArticleDoNot() {
    JsonNode filled =
        ReplyTemplate.fill(
            json(
                """
                {"msgtype":"news","news":{"articles":[{"title":"Order {scene}",
                 "url":"https://shop.example/orders/{scene}?openid={openid}&at={event_time}",
                 "picurl":"https://shop.example/{appid}.png"}]}}"""),
            SCAN);

    assertThat(filled.at("/news/articles/0/url").asString())
        .isEqualTo(
            "https://shop.example/orders/order%2042?openid=oUser%2B1%2Fx&at=2026-11-26T08%3A00%3A00Z");
    assertThat(filled.at("/news/articles/0/picurl").asString())
        .isEqualTo("https://shop.example/wx5823bf96d3bd56c7.png");
    assertThat(filled.at("/news/articles/0/title").asString()).isEqualTo("Order order 42");
  }

  @Test
  void anUnknownPlaceholderIsNamedAtItsPointer() {
    JsonNode reply =
        json(
            """
            {"msgtype":"news","news":{"articles":[{"title":"{scene}",
             "url":"https://shop.example/orders/{orderId}"}]}}""");

    assertThat(ReplyTemplate.unknownPlaceholders(reply, "/data/reply"))
        .containsExactly(new Unknown("/data/reply/news/articles/0/url", "orderId"));
  }

  @Test
  void bracesAroundWhatIsNotANameAreLeftAlone() {
    JsonNode reply =
        json("{\"msgtype\":\"text\",\"text\":{\"content\":\"{} and { \\\"a\\\": 1 } and {1}\"}}");

    assertThat(ReplyTemplate.unknownPlaceholders(reply, "")).isEmpty();
    assertThat(ReplyTemplate.fill(reply, SCAN)).isEqualTo(reply);
  }
}
