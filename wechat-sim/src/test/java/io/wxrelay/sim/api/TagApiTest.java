package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.junit.CallbackReceiver;
import io.wxrelay.sim.truth.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** User tags through the simulator's HTTP API: names, limits, members, paging and sendall. */
class TagApiTest {
  private final SimFixture f = new SimFixture(SimConfig.forTests());

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void listsTheStarTagAndTheGeneratedTagsWithTheirCounts() {
    JsonNode tags = f.call("tags/get", "").path("tags");

    assertThat(tags.get(0).path("id").asInt()).isEqualTo(2);
    assertThat(tags.get(0).path("name").asString()).isEqualTo("星标组");
    assertThat(tags.get(0).path("count").asInt()).isZero();
    assertThat(tags.get(1).path("name").asString()).isEqualTo("tag100");
    assertThat(tags.get(1).path("count").asInt()).isEqualTo(25);
    assertThat(tags).hasSize(5);
  }

  @Test
  void createsRenamesAndDeletesWithWeChatsNameRules() {
    JsonNode created = f.call("tags/create", "{\"tag\":{\"name\":\"广东\"}}");
    int id = created.path("tag").path("id").asInt();

    assertThat(id).isEqualTo(104);
    assertThat(created.path("tag").path("name").asString()).isEqualTo("广东");
    assertThat(errcode(f.call("tags/create", "{\"tag\":{\"name\":\"广东\"}}"))).isEqualTo(45157);
    assertThat(errcode(f.call("tags/create", "{\"tag\":{\"name\":\"\"}}"))).isEqualTo(45157);
    assertThat(errcode(f.call("tags/create", name("一二三四五六七八九十")))).isZero(); // 30 bytes
    assertThat(errcode(f.call("tags/create", name("一二三四五六七八九十a")))).isEqualTo(45158);
    assertThat(errcode(f.call("tags/update", "{\"tag\":{\"id\":" + id + ",\"name\":\"tag100\"}}")))
        .isEqualTo(45157);
    assertThat(errcode(f.call("tags/update", "{\"tag\":{\"id\":" + id + ",\"name\":\"广东人\"}}")))
        .isZero();
    assertThat(errcode(f.call("tags/update", "{\"tag\":{\"id\":2,\"name\":\"x\"}}")))
        .isEqualTo(45058);
    assertThat(errcode(f.call("tags/delete", "{\"tag\":{\"id\":1}}"))).isEqualTo(45058);
    assertThat(errcode(f.call("tags/delete", "{\"tag\":{\"id\":999}}"))).isEqualTo(45159);
    assertThat(errcode(f.call("tags/update", "{\"tag\":{\"id\":999,\"name\":\"y\"}}")))
        .isEqualTo(45159);
    tag(id, f.user(0));
    assertThat(errcode(f.call("tags/delete", "{\"tag\":{\"id\":" + id + "}}"))).isZero();
    assertThat(f.wechat.tagsOf(DEFAULT_APPID, f.user(0))).containsExactly(100);
    assertThat(f.call("tags/get", "").findValues("name").stream().map(JsonNode::asString))
        .doesNotContain("广东人");
  }

  @Test
  void anAccountMakesAtMostOneHundredTags() {
    for (int i = 4; i < 100; i++) {
      assertThat(errcode(f.call("tags/create", name("t" + i)))).isZero();
    }
    assertThat(errcode(f.call("tags/create", name("one too many")))).isEqualTo(45056);
  }

  @Test
  void tagsFollowersIdempotentlyAndReportsNonFollowersAsPartialFailure() {
    int id = newTag("vip");
    f.sim.users().unfollow(DEFAULT_APPID, f.user(2));

    JsonNode answer = tag(id, f.user(0), f.user(1), f.user(2), "oStranger");
    JsonNode again = tag(id, f.user(0));

    assertThat(errcode(answer)).isEqualTo(45171);
    assertThat(answer.path("fail_openid_list").toString())
        .isEqualTo("[\"" + f.user(2) + "\",\"oStranger\"]");
    assertThat(errcode(again)).isZero();
    assertThat(f.wechat.tagMembers(DEFAULT_APPID, id)).containsExactly(f.user(0), f.user(1));
    assertThat(f.call("tags/getidlist", "{\"openid\":\"" + f.user(0) + "\"}").path("tagid_list"))
        .extracting(JsonNode::asInt)
        .containsExactly(100, id);
    assertThat(errcode(f.call("tags/getidlist", "{\"openid\":\"" + f.user(2) + "\"}")))
        .isEqualTo(40003);
    assertThat(errcode(untag(id, f.user(0)))).isZero();
    assertThat(f.wechat.tagsOf(DEFAULT_APPID, f.user(0))).containsExactly(100);
  }

  @Test
  void refusesBadListsUnknownTagsAndAUserOverTwentyTags() {
    String[] fiftyOne = IntStream.range(0, 51).mapToObj(f::user).toArray(String[]::new);
    assertThat(errcode(tag(100))).isEqualTo(40032);
    assertThat(errcode(tag(100, fiftyOne))).isEqualTo(40032);
    assertThat(errcode(untag(100))).isEqualTo(40032);
    assertThat(errcode(tag(999, f.user(0)))).isEqualTo(45159);
    assertThat(errcode(untag(999, f.user(0)))).isEqualTo(45159);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      ids.add(newTag("many" + i));
      assertThat(errcode(tag(ids.getLast(), f.user(0)))).isZero();
    }
    int last = newTag("the 21st");

    assertThat(errcode(tag(last, f.user(0), f.user(1)))).isEqualTo(45059);
    assertThat(f.wechat.tagMembers(DEFAULT_APPID, last)).as("all or nothing").isEmpty();
    assertThat(f.wechat.tagsOf(DEFAULT_APPID, f.user(0))).hasSize(20);
  }

  @Test
  void pagesTheMembersOfATagAndEndsWithAnEmptyPage() {
    var app = SimConfig.forTests().apps().getFirst();
    var setup = new SimConfig.AppSetup(app.app(), 25_000, 1);
    try (SimFixture big = new SimFixture(SimConfig.forTests().withApps(List.of(setup)))) {
      List<String> seen = new ArrayList<>();
      String next = "";
      List<Integer> counts = new ArrayList<>();
      JsonNode page;
      do {
        page = big.call("user/tag/get", "{\"tagid\":100,\"next_openid\":\"" + next + "\"}");
        counts.add(page.path("count").asInt());
        page.path("data").path("openid").forEach(n -> seen.add(n.asString()));
        next = page.path("next_openid").asString();
      } while (!next.isEmpty());

      assertThat(counts).containsExactly(10_000, 10_000, 5_000, 0);
      assertThat(page.has("data")).isFalse();
      assertThat(seen).doesNotHaveDuplicates().hasSize(25_000);
      assertThat(seen).isEqualTo(big.wechat.tagMembers(DEFAULT_APPID, 100));
      assertThat(errcode(big.call("user/tag/get", "{\"tagid\":7}"))).isEqualTo(45159);
    }
  }

  @Test
  void aTagWithMoreThanOneHundredThousandFollowersCannotBeDeleted() {
    var app = SimConfig.forTests().apps().getFirst();
    var setup = new SimConfig.AppSetup(app.app(), 100_001, 1);
    try (SimFixture big = new SimFixture(SimConfig.forTests().withApps(List.of(setup)))) {
      assertThat(errcode(big.call("tags/delete", "{\"tag\":{\"id\":100}}"))).isEqualTo(45057);
      big.sim.users().unfollow(DEFAULT_APPID, big.user(0));
      assertThat(errcode(big.call("tags/delete", "{\"tag\":{\"id\":100}}"))).isZero();
    }
  }

  @Test
  void sendallToATagReachesExactlyItsFollowersAtTheTimeOfTheCall() {
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      var app = f.sim.accounts().app(DEFAULT_APPID).orElseThrow();
      f.sim.accounts().update(app.withCallback(receiver.url(), "t", Mode.PLAIN, null));
      int id = newTag("buyers");
      tag(id, f.user(0), f.user(1), f.user(2));
      untag(id, f.user(1));

      JsonNode sent = sendall(id);
      tag(id, f.user(3)); // after the call: not in the audience
      long msgId = sent.path("msg_id").asLong();

      assertThat(errcode(sendall(999))).isEqualTo(40152);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  receiver.received().stream().anyMatch(r -> r.body().contains("<MsgID>" + msgId)));
      assertThat(f.sim.truth().deliveries(d -> d.msgId() == msgId))
          .extracting(Delivery::openid)
          .containsExactlyInAnyOrder(f.user(0), f.user(2));
      String push = receiver.received().getLast().body();
      assertThat(push).contains("<TotalCount>2</TotalCount>").contains("<SentCount>2</SentCount>");
    }
  }

  private JsonNode sendall(int tagId) {
    return f.call(
        "message/mass/sendall",
        "{\"filter\":{\"is_to_all\":false,\"tag_id\":"
            + tagId
            + "},\"msgtype\":\"text\",\"text\":{\"content\":\"hi "
            + tagId
            + "\"}}");
  }

  private int newTag(String name) {
    return f.call("tags/create", name(name)).path("tag").path("id").asInt();
  }

  private static String name(String name) {
    return "{\"tag\":{\"name\":\"" + name + "\"}}";
  }

  private JsonNode tag(int tagId, String... openids) {
    return members("tags/members/batchtagging", tagId, openids);
  }

  private JsonNode untag(int tagId, String... openids) {
    return members("tags/members/batchuntagging", tagId, openids);
  }

  private JsonNode members(String api, int tagId, String... openids) {
    String list =
        List.of(openids).stream().map(o -> "\"" + o + "\"").collect(Collectors.joining(","));
    return f.call(api, "{\"openid_list\":[" + list + "],\"tagid\":" + tagId + "}");
  }
}
