package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code --wait} prints of a succeeded command's response, per command type. */
class ResponseLinesTest {
  static List<String> lines(String type, String response) {
    return ResponseLines.of(
        type,
        ContractCodec.newMapper()
            .readTree("{\"status\":\"SUCCEEDED\",\"response\":" + response + "}"),
        List.of());
  }

  @Test
  void theTagsAreATableOfIdNameAndCount() {
    assertThat(
            lines(
                "wechat.tags.get",
                """
                {"tags": [{"id": 2, "name": "星标组", "count": 0},
                          {"id": 101, "name": "Autumn buyers", "count": 1200}]}
                """))
        .containsExactly(
            "id       name                           count",
            "2        星标组                            0",
            "101      Autumn buyers                  1,200");
  }

  @Test
  void taggingSaysHowManyAndWhomWeChatRefused() {
    assertThat(
            lines(
                "wechat.tags.members.add",
                "{\"openidCount\": 120, \"calls\": 3, \"fail_openid_list\": [\"oX\", \"oY\"]}"))
        .containsExactly("120 users in 3 calls", "WeChat refused 2 of them: oX, oY");
    assertThat(lines("wechat.tags.members.remove", "{\"openidCount\": 2, \"calls\": 1}"))
        .containsExactly("2 users in 1 calls");
  }

  @Test
  void aTagsMembersAUsersTagsAndANewTag() {
    assertThat(
            lines(
                "wechat.tags.members.get",
                "{\"count\": 2, \"data\": {\"openid\": [\"oA\", \"oB\"]}, \"next_openid\": \"oB\"}"))
        .containsExactly("2 followers: oA, oB", "more after --next-openid oB");
    assertThat(lines("wechat.tags.user.get", "{\"tagid_list\": [101, 2]}"))
        .containsExactly("tags: 101, 2");
    assertThat(lines("wechat.tags.create", "{\"tag\": {\"id\": 134, \"name\": \"Buyers\"}}"))
        .containsExactly("tag 134: Buyers");
  }

  @Test
  void templatesIndustriesAndUsers() {
    assertThat(
            lines(
                "wechat.template.list",
                "{\"template_list\": [{\"template_id\": \"tpl-1\", \"title\": \"Order paid\"}]}"))
        .containsExactly(
            "template_id                                  title",
            "tpl-1                                        Order paid");
    assertThat(
            lines(
                "wechat.template.industry.get",
                """
                {"primary_industry": {"first_class": "IT科技", "second_class": "互联网"},
                 "secondary_industry": {"first_class": "IT科技", "second_class": "IT软件与服务"}}
                """))
        .containsExactly("primary: IT科技 / 互联网", "secondary: IT科技 / IT软件与服务");
    assertThat(
            lines(
                "wechat.users.info",
                """
                {"user_info_list": [{"subscribe": 1, "openid": "oAlice",
                  "subscribe_time": 1795683600, "tagid_list": [101]}]}
                """))
        .containsExactly(
            "openid                         subscribe since        tags",
            "oAlice                         yes       1795683600   101");
  }

  @Test
  void aFailureOrACommandWhoseResultLineSaysAllPrintsNothingMore() {
    assertThat(lines("wechat.template.send", "{\"msgid\": 1}")).isEmpty();
    assertThat(
            ResponseLines.of(
                "wechat.tags.get",
                ContractCodec.newMapper().readTree("{\"status\":\"FAILED\",\"response\":{}}"),
                List.of()))
        .isEmpty();
  }
}
