package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.account.Population;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Followers through the simulator's HTTP API: user/get pages and user/info/batchget. */
class UserApiTest {
  private final SimFixture f = new SimFixture(SimConfig.forTests());

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void pagesTwentyFiveThousandFollowersLikeABroadcastToAllReachesThem() {
    var app = SimConfig.forTests().apps().getFirst();
    var setup = new SimConfig.AppSetup(app.app(), 25_001, 3, List.of("oSeeded@101"));
    try (SimFixture big = new SimFixture(SimConfig.forTests().withApps(List.of(setup)))) {
      big.sim.users().unfollow(DEFAULT_APPID, big.user(7));
      List<String> seen = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      String next = "";
      JsonNode page;
      do {
        page =
            big.wechat.get("/cgi-bin/user/get?access_token=" + big.token + "&next_openid=" + next);
        assertThat(page.path("total").asInt()).isEqualTo(25_001);
        counts.add(page.path("count").asInt());
        page.path("data").path("openid").forEach(n -> seen.add(n.asString()));
        next = page.path("next_openid").asString();
        if (!seen.isEmpty() && page.path("count").asInt() > 0) {
          assertThat(next).isEqualTo(seen.getLast());
        }
      } while (!next.isEmpty());

      assertThat(counts).containsExactly(10_000, 10_000, 5_001, 0);
      assertThat(seen)
          .isEqualTo(big.sim.accounts().population(DEFAULT_APPID).following(null))
          .isEqualTo(big.wechat.followers(DEFAULT_APPID))
          .contains("oSeeded")
          .doesNotContain(big.user(7));
      assertThat(
              errcode(
                  big.wechat.get(
                      "/cgi-bin/user/get?access_token=" + big.token + "&next_openid=oNobody")))
          .isEqualTo(40003);
    }
  }

  @Test
  void batchgetAnswersFollowersNonFollowersAndRefusesUnknownOnes() {
    f.sim.users().unfollow(DEFAULT_APPID, f.user(1));
    String scanned = "oScanner";
    var ticket = f.sim.tickets().create(DEFAULT_APPID, "spring-sale", null);
    f.sim.users().scan(DEFAULT_APPID, scanned, ticket.ticket());

    JsonNode list =
        f.call("user/info/batchget", users(f.user(0), f.user(1), scanned)).path("user_info_list");

    JsonNode follower = list.get(0);
    assertThat(follower.path("subscribe").asInt()).isEqualTo(1);
    assertThat(follower.path("openid").asString()).isEqualTo(f.user(0));
    assertThat(follower.path("subscribe_time").asLong())
        .isEqualTo(Population.FOLLOWING_SINCE.getEpochSecond());
    assertThat(follower.has("unionid")).isFalse();
    assertThat(follower.path("tagid_list")).extracting(JsonNode::asInt).containsExactly(100);
    assertThat(follower.path("subscribe_scene").asString()).isEqualTo("ADD_SCENE_OTHERS");
    assertThat(follower.path("language").asString()).isEqualTo("zh_CN");
    for (String empty :
        List.of("nickname", "city", "province", "country", "headimgurl", "remark")) {
      assertThat(follower.path(empty).isString()).as(empty).isTrue();
      assertThat(follower.path(empty).asString()).as(empty).isEmpty();
    }
    assertThat(follower.path("sex").asInt()).isZero();
    assertThat(follower.path("groupid").asInt()).isZero();
    assertThat(list.get(1).toString())
        .isEqualTo("{\"subscribe\":0,\"openid\":\"" + f.user(1) + "\"}");
    JsonNode viaQr = list.get(2);
    assertThat(viaQr.path("subscribe_scene").asString()).isEqualTo("ADD_SCENE_QR_CODE");
    assertThat(viaQr.path("qr_scene_str").asString()).isEqualTo("spring-sale");
    assertThat(viaQr.path("subscribe_time").asLong()).isEqualTo(f.clock.instant().getEpochSecond());
    assertThat(errcode(f.call("user/info/batchget", users(f.user(0), "oNobody")))).isEqualTo(40003);
  }

  @Test
  void batchgetTakesOneToOneHundredUsers() {
    String[] hundredOne = IntStream.range(0, 101).mapToObj(i -> f.user(0)).toArray(String[]::new);
    String[] hundred = IntStream.range(0, 100).mapToObj(f::user).toArray(String[]::new);

    assertThat(errcode(f.call("user/info/batchget", users()))).isEqualTo(40032);
    assertThat(errcode(f.call("user/info/batchget", users(hundredOne)))).isEqualTo(40032);
    assertThat(f.call("user/info/batchget", users(hundred)).path("user_info_list")).hasSize(100);
  }

  private static String users(String... openids) {
    return "{\"user_list\":["
        + List.of(openids).stream()
            .map(o -> "{\"openid\":\"" + o + "\",\"lang\":\"zh_CN\"}")
            .collect(Collectors.joining(","))
        + "]}";
  }
}
