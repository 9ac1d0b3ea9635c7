package io.wxrelay.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.TagMembersAdd;
import io.wxrelay.schemas.command.TagMembersRemove;
import io.wxrelay.schemas.command.UsersInfo;
import io.wxrelay.schemas.command.UsersSync;
import io.wxrelay.worker.plan.Sends.Parts.Merge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The plans of tagging, user info and the follower walk: how lists are split, what each sends. */
class UserCallsTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private final CommandCalls calls = new CommandCalls(ContractCodec.newMapper(), 10_000);

  private CallPlan plan(EventType type, CommandData data) {
    return calls.plan(
        CloudEvent.of(type, "cmd-1", "/test", APPID, Instant.parse("2026-12-06T10:00:00Z"), data));
  }

  private static List<String> openids(int n) {
    return IntStream.range(0, n).mapToObj(i -> "o" + i).toList();
  }

  private static Sends.Parts parts(CallPlan plan) {
    return switch (plan.sends()) {
      case Sends.Parts parts -> parts;
      case Sends.One one -> throw new AssertionError("one call: " + one);
      case Sends.Broadcast broadcast -> throw new AssertionError("a broadcast: " + broadcast);
      case Sends.Walk walk -> throw new AssertionError("a walk: " + walk);
    };
  }

  /** The texts of {@code field} in every item of array {@code array}, over every part, in order. */
  private static List<String> listed(Sends.Parts parts, String array, String field) {
    List<String> all = new ArrayList<>();
    for (ApiCall.Part part : parts.parts()) {
      for (JsonNode item : part.request().body().path(array)) {
        all.add(field.isEmpty() ? item.asString() : item.path(field).asString());
      }
    }
    return all;
  }

  @Test
  void taggingIsSplitIntoBalancedCallsOfAtMostFiftyUnderOneRepeatablePlan() {
    CallPlan plan = plan(EventType.TAGS_MEMBERS_ADD, new TagMembersAdd(134, openids(1_200)));

    Sends.Parts parts = parts(plan);
    assertThat(parts.parts()).hasSize(24).allSatisfy(p -> assertThat(p.count()).isEqualTo(50));
    assertThat(parts.merge()).isEqualTo(new Merge.Counted());
    assertThat(plan.repeatable()).as("tagging twice leaves the same tags").isTrue();
    ApiCall.Part first = parts.parts().getFirst();
    assertThat(first.api()).isEqualTo("tags/members/batchtagging");
    assertThat(first.request().body().path("tagid").asLong()).isEqualTo(134);
    assertThat(listed(parts, "openid_list", "")).isEqualTo(openids(1_200));
    assertThat(parts.parts()).extracting(ApiCall.Part::index).containsExactlyElementsOf(range(24));
  }

  @Test
  void aListThatDoesNotDivideEvenlyIsBalancedNotLeftWithATail() {
    CallPlan plan = plan(EventType.TAGS_MEMBERS_REMOVE, new TagMembersRemove(7, openids(101)));

    Sends.Parts parts = parts(plan);
    assertThat(parts.parts()).extracting(ApiCall.Part::count).containsExactly(34, 34, 33);
    assertThat(parts.parts()).extracting(ApiCall::api).containsOnly("tags/members/batchuntagging");
    assertThat(listed(parts, "openid_list", "")).isEqualTo(openids(101));
  }

  @Test
  void userInfoIsAskedAHundredAtATimeWithTheLanguageOnlyWhenGiven() {
    Sends.Parts parts = parts(plan(EventType.USERS_INFO, new UsersInfo(openids(250), null)));

    assertThat(parts.parts()).extracting(ApiCall.Part::count).containsExactly(84, 83, 83);
    assertThat(parts.parts()).extracting(ApiCall::api).containsOnly("user/info/batchget");
    assertThat(parts.merge()).isEqualTo(new Merge.Listed("user_info_list"));
    assertThat(listed(parts, "user_list", "openid")).isEqualTo(openids(250));
    assertThat(parts.parts().getFirst().request().body().path("user_list").get(0).has("lang"))
        .isFalse();

    Sends.Parts english = parts(plan(EventType.USERS_INFO, new UsersInfo(openids(3), "en")));
    assertThat(listed(english, "user_list", "lang")).containsExactly("en", "en", "en");
  }

  @Test
  void aFollowerSyncIsAWalkOfUserGetFromTheFirstPage() {
    CallPlan plan = plan(EventType.USERS_SYNC, new UsersSync());

    assertThat(plan.repeatable()).isTrue();
    assertThat(plan.sends()).isInstanceOf(Sends.Walk.class);
    ApiCall.Page first = ((Sends.Walk) plan.sends()).first();
    assertThat(first.index()).isZero();
    assertThat(first.request()).isEqualTo(new Request.Query("user/get", Map.of()));
    assertThat(plan.calls()).containsExactly(first);

    ApiCall.Page second = first.next("o9999");
    assertThat(second.index()).isEqualTo(1);
    assertThat(second.request().params()).containsExactly(Map.entry("next_openid", "o9999"));
    assertThat(second.next("o19999").request().params())
        .containsExactly(Map.entry("next_openid", "o19999"));
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
