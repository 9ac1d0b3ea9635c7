package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.TagMembersAdd;
import io.wxrelay.schemas.command.UsersInfo;
import io.wxrelay.schemas.command.UsersSync;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.UsersPage;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.plan.Request;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Commands over lists of users, run against a scripted WeChat: tagging split into calls (a 45171
 * partial success, a part not made twice, a refusal midway), user info joined in order, and the
 * follower walk (pages published before the next read and the result, its end, a failure midway).
 */
class UserListsRunTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final DispatchHarness h = new DispatchHarness();
  private final CommandCalls calls = new CommandCalls(h.codec.mapper(), 10_000);

  private static List<String> openids(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }

  private void run(CloudEvent<?> command) throws InterruptedException {
    h.run.run(calls.plan(command), h.record(command, APPID), 0);
  }

  private CloudEvent<TagMembersAdd> tagging(String id, int users) {
    return h.command(
        EventType.TAGS_MEMBERS_ADD, id, new TagMembersAdd(134, openids("o", 0, users)));
  }

  private JsonNode body(int call) {
    return h.wechat.body(call);
  }

  @Test
  void taggingInPartsSucceedsWithTheOpenidsWeChatCouldNotTagListed() throws Exception {
    h.wechat
        .answers(0)
        .answers(45171, Map.of("fail_openid_list", List.of("o45", "o47")))
        .answers(0);
    run(tagging("cmd-tag", 120));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.response())
        .containsExactly(
            Map.entry("openidCount", 120),
            Map.entry("calls", 3),
            Map.entry("fail_openid_list", List.of("o45", "o47")));
    assertThat(h.wechat.calls).extracting(Request::api).containsOnly("tags/members/batchtagging");
    assertThat(body(1).path("openid_list").get(0).asString()).isEqualTo("o40");
    assertThat(body(2).path("tagid").asLong()).isEqualTo(134);
  }

  @Test
  void aPartAnsweredIsNotCalledAgainWhenALaterOneIsRetried() throws Exception {
    h.wechat.answers(0, -1, 0, 0);
    run(tagging("cmd-tag-busy", 120));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.response()).doesNotContainKeys("fail_openid_list", "callsDone");
    assertThat(h.wechat.calls).hasSize(4);
    assertThat(body(2).path("openid_list").get(0).asString())
        .as("the second attempt starts at the part that was not answered")
        .isEqualTo("o40");
  }

  @Test
  void aRefusalMidwayEndsTheCommandWithWeChatsErrcodeAndTheCallsDone() throws Exception {
    h.wechat.answers(0, 45159);
    run(tagging("cmd-tag-refused", 120));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.errcode()).isEqualTo(45159);
    assertThat(result.response())
        .containsEntry("openidCount", 120)
        .containsEntry("calls", 3)
        .containsEntry("callsDone", 1);
    assertThat(h.wechat.calls).as("nothing after the refusal").hasSize(2);
  }

  @Test
  void userInfoIsJoinedInTheOrderAsked() throws Exception {
    List<String> asked = openids("u", 0, 250);
    for (int from : new int[] {0, 84, 167}) {
      int to = from == 0 ? 84 : from + 83;
      List<Map<String, Object>> infos =
          openids("u", from, to).stream()
              .<Map<String, Object>>map(id -> Map.of("subscribe", 1, "openid", id, "nickname", ""))
              .toList();
      h.wechat.answers(0, Map.of("user_info_list", infos));
    }
    run(h.command(EventType.USERS_INFO, "cmd-info", new UsersInfo(asked, "en")));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(h.wechat.calls).hasSize(3);
    assertThat(result.response()).containsOnlyKeys("user_info_list");
    List<?> infos = (List<?>) result.response().get("user_info_list");
    assertThat(infos.stream().map(i -> String.valueOf(((Map<?, ?>) i).get("openid"))))
        .containsExactlyElementsOf(asked);
    assertThat(body(2).path("user_list").get(0).path("lang").asString()).isEqualTo("en");
  }

  /** WeChat's user/get answer: a page of {@code openids} out of {@code total}. */
  private static Map<String, Object> page(long total, List<String> openids, String next) {
    return openids.isEmpty()
        ? Map.of("total", total, "count", 0, "next_openid", next)
        : Map.of(
            "total",
            total,
            "count",
            openids.size(),
            "data",
            Map.of("openid", openids),
            "next_openid",
            next);
  }

  private CloudEvent<UsersSync> sync(String id) {
    return h.command(EventType.USERS_SYNC, id, new UsersSync())
        .withExtensions(Map.of("traceparent", TRACEPARENT));
  }

  @Test
  void aFollowerWalkPublishesEachPageBeforeTheNextReadThenOneResult() throws Exception {
    h.wechat
        .answers(0, page(5, List.of("oA", "oB"), "oB"))
        .answers(0, page(5, List.of("oC", "oD"), "oD"))
        .answers(0, page(5, List.of("oE"), "oE"))
        .answers(0, page(5, List.of(), ""));
    h.processor.handle(h.record(sync("cmd-sync"), APPID));

    assertThat(h.wechat.calls)
        .extracting(c -> ((Request.Query) c).params().get("next_openid"))
        .containsExactly(null, "oB", "oD", "oE");
    List<CloudEvent<?>> events = h.resultEvents();
    assertThat(events)
        .extracting(CloudEvent::type)
        .containsExactly(
            "wechat.users.page", "wechat.users.page", "wechat.users.page", "wechat.result");
    assertThat(events.stream().limit(3).map(e -> e.dataAs(UsersPage.class)))
        .containsExactly(
            new UsersPage("cmd-sync", 0, 5, List.of("oA", "oB"), "oB"),
            new UsersPage("cmd-sync", 1, 5, List.of("oC", "oD"), "oD"),
            new UsersPage("cmd-sync", 2, 5, List.of("oE"), "oE"));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.extensions()).containsEntry("traceparent", TRACEPARENT));
    assertThat(h.published("results")).allSatisfy(r -> assertThat(r.key()).isEqualTo("cmd-sync"));
    assertThat(events).extracting(CloudEvent::id).doesNotHaveDuplicates();
    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.response())
        .containsExactly(Map.entry("total", 5), Map.entry("count", 5), Map.entry("pages", 3));
  }

  @Test
  void aWalkEndsAtAPageThatNamesNoNextOpenid() throws Exception {
    h.wechat.answers(0, page(3, List.of("oA", "oB", "oC"), ""));
    run(sync("cmd-sync-short"));

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.onlyResult().response())
        .containsExactly(Map.entry("total", 3), Map.entry("count", 3), Map.entry("pages", 1));
  }

  @Test
  void aWalkThatFailsMidwayStartsAgainFromTheFirstPageNumberedFromZero() throws Exception {
    h.wechat
        .answers(0, page(4, List.of("oA", "oB"), "oB"))
        .answers(-1)
        .answers(0, page(4, List.of("oA", "oB"), "oB"))
        .answers(0, page(4, List.of("oC", "oD"), "oD"))
        .answers(0, page(4, List.of(), ""));
    run(sync("cmd-sync-again"));

    assertThat(h.wechat.calls)
        .extracting(c -> ((Request.Query) c).params().get("next_openid"))
        .containsExactly(null, "oB", null, "oB", "oD");
    List<CloudEvent<?>> pages =
        h.resultEvents().stream().filter(e -> e.eventType() == EventType.USERS_PAGE).toList();
    assertThat(pages)
        .extracting(e -> e.dataAs(UsersPage.class).page())
        .as("the first run's page 0, then the second run's pages from 0")
        .containsExactly(0, 0, 1);
    assertThat(pages).extracting(CloudEvent::id).doesNotHaveDuplicates();
    CommandResult result = h.onlyResult();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.response())
        .as("the totals of the last run only")
        .containsExactly(Map.entry("total", 4), Map.entry("count", 4), Map.entry("pages", 2));
  }
}
