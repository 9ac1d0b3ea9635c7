package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.account.AccountType;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.junit.CallbackReceiver;
import io.wxrelay.sim.truth.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Broadcasts: list sizes, clientmsgid dedupe, the minute limit, delivery and MASSSENDJOBFINISH. */
class MassTest {
  private final CallbackReceiver receiver = new CallbackReceiver();
  private SimFixture f;

  @BeforeEach
  void start() {
    f = new SimFixture(SimConfig.forTests());
    var app = f.sim.accounts().app(DEFAULT_APPID).orElseThrow();
    f.sim.accounts().update(app.withCallback(receiver.url(), "cbtoken", Mode.PLAIN, null));
  }

  @AfterEach
  void stop() {
    f.close();
    receiver.close();
  }

  @Test
  void anOpenidListNeedsTwoToTenThousand() {
    assertThat(errcode(send(List.of(f.user(0)), null))).isEqualTo(40130);
    List<String> tooMany = IntStream.range(0, 10_001).mapToObj(i -> "oX" + i).toList();
    assertThat(errcode(send(tooMany, null))).isEqualTo(40130);
    assertThat(errcode(send(List.of(f.user(0), f.user(1)), null))).isZero();
  }

  @Test
  void aBroadcastReachesEachFollowerOnceAndReportsConsistentCounts() {
    List<String> users = new ArrayList<>(List.of(f.user(0), f.user(1), f.user(2)));
    f.sim.users().unfollow(DEFAULT_APPID, f.user(2));
    users.add("oNeverFollowed");

    JsonNode answer = send(users, "crm-1:0");
    long msgId = answer.path("msg_id").asLong();

    assertThat(answer.path("errmsg").asString()).isEqualTo("send job submission success");
    assertThat(status(msgId)).isEqualTo("SENDING");
    await().atMost(Duration.ofSeconds(5)).until(() -> finished().size() == 1);
    String push = finished().getFirst();
    assertThat(push)
        .contains("<Event><![CDATA[MASSSENDJOBFINISH]]></Event>")
        .contains("<MsgID>" + msgId + "</MsgID>")
        .contains("<TotalCount>4</TotalCount>")
        .contains("<FilterCount>2</FilterCount>")
        .contains("<SentCount>2</SentCount>")
        .contains("<ErrorCount>0</ErrorCount>");
    assertThat(status(msgId)).isEqualTo("SEND_SUCCESS");
    assertThat(f.sim.truth().deliveries(d -> d.msgId() == msgId))
        .extracting(Delivery::openid)
        .containsExactlyInAnyOrder(f.user(0), f.user(1));
  }

  @Test
  void aBroadcastToAllReachesOneHundredThousandFollowersAndSeededOnes() {
    var big = SimConfig.forTests().apps().getFirst();
    var setup = new SimConfig.AppSetup(big.app(), 100_000, 10, List.of("oSeeded01@100"));
    try (SimFixture large = new SimFixture(SimConfig.forTests().withApps(List.of(setup)))) {
      JsonNode answer =
          large.call(
              "message/mass/sendall",
              "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"all\"}}");
      long msgId = answer.path("msg_id").asLong();

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  large
                      .call("message/mass/get", "{\"msg_id\":" + msgId + "}")
                      .path("msg_status")
                      .asString()
                      .equals("SEND_SUCCESS"));
      assertThat(large.sim.truth().deliveries(d -> d.msgId() == msgId)).hasSize(100_001);
      assertThat(large.sim.truth().deliveriesTo(DEFAULT_APPID, "oSeeded01")).hasSize(1);
    }
  }

  @Test
  void theSameClientmsgidIsRefusedWithTheExistingMsgIdAndTooFastWithinAMinute() {
    long msgId = send(List.of(f.user(0), f.user(1)), "crm-2:0").path("msg_id").asLong();

    assertThat(errcode(send(List.of(f.user(0), f.user(1)), "crm-2:0"))).isEqualTo(45066);
    f.advance(Duration.ofMinutes(1));
    JsonNode again = send(List.of(f.user(0), f.user(1)), "crm-2:0");
    assertThat(errcode(again)).isEqualTo(45065);
    assertThat(again.path("msg_id").asLong()).isEqualTo(msgId);
    assertThat(errcode(send(List.of(f.user(0), f.user(1)), "x".repeat(33)))).isEqualTo(45067);
    assertThat(errcode(send(List.of(f.user(0), f.user(1)), UUID.randomUUID().toString())))
        .isEqualTo(45067);
    assertThat(errcode(send(List.of(f.user(2), f.user(3)), "x".repeat(32)))).isZero();
    f.advance(Duration.ofHours(24));
    assertThat(errcode(send(List.of(f.user(0), f.user(1)), "crm-2:0")))
        .as("remembered 24 h")
        .isZero();
  }

  @Test
  void withoutClientmsgidTheSameAudienceAndContentIsADuplicate() {
    send(List.of(f.user(0), f.user(1)), null);
    f.advance(Duration.ofMinutes(2));

    assertThat(errcode(send(List.of(f.user(0), f.user(1)), null))).isEqualTo(45065);
  }

  @Test
  void theMassApisAllowSixtyCallsAMinute() {
    for (int i = 0; i < 60; i++) {
      assertThat(errcode(send(List.of(f.user(0), f.user(1)), "rate-" + i))).isZero();
    }
    assertThat(errcode(send(List.of(f.user(0), f.user(1)), "rate-60"))).isEqualTo(45011);
    f.advance(Duration.ofMinutes(1));
    assertThat(errcode(send(List.of(f.user(0), f.user(1)), "rate-61"))).isZero();
  }

  @Test
  void aSubscriptionAccountBroadcastsOnceADay() {
    var app = SimConfig.forTests().apps().getFirst();
    var setup =
        new SimConfig.AppSetup(app.app().withType(AccountType.SUBSCRIPTION), 10, 2, List.of());
    try (SimFixture sub = new SimFixture(SimConfig.forTests().withApps(List.of(setup)))) {
      String toAll =
          "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"%s\"},\"clientmsgid\":\"%s\"}";
      JsonNode first = sub.call("message/mass/sendall", toAll.formatted("one", "c1"));
      assertThat(errcode(first)).isZero();
      assertThat(errcode(sub.call("message/mass/sendall", toAll.formatted("two", "c2"))))
          .as("a second broadcast the same day")
          .isEqualTo(45028);
      sub.advance(Duration.ofMinutes(2));
      assertThat(sub.call("message/mass/sendall", toAll.formatted("one", "c1")).path("msg_id"))
          .as("the first one's retry is still its duplicate, not a new broadcast")
          .isEqualTo(first.path("msg_id"));
      sub.advance(Duration.ofDays(1));
      assertThat(errcode(sub.call("message/mass/sendall", toAll.formatted("two", "c2"))))
          .as("the next day")
          .isZero();
    }
  }

  @Test
  void sendallToATagReachesThatTagsFollowersAndMpnewsNeedsADraft() {
    String thumb = f.uploadPermanent("thumb");
    String draft =
        f.call(
                "draft/add",
                "{\"articles\":[{\"title\":\"t\",\"content\":\"c\",\"thumb_media_id\":\""
                    + thumb
                    + "\"}]}")
            .path("media_id")
            .asString();
    String bad =
        "{\"filter\":{\"is_to_all\":false,\"tag_id\":101},\"msgtype\":\"mpnews\",\"mpnews\":{\"media_id\":\"nope\"}}";

    assertThat(errcode(f.call("message/mass/sendall", bad))).isEqualTo(40007);
    JsonNode ok = f.call("message/mass/sendall", bad.replace("nope", draft));
    assertThat(ok.path("msg_data_id").isNumber()).isTrue();
    long msgId = ok.path("msg_id").asLong();
    await().atMost(Duration.ofSeconds(5)).until(() -> status(msgId).equals("SEND_SUCCESS"));
    var tag101 = f.sim.accounts().population(DEFAULT_APPID).following(101);
    assertThat(
            f.sim.truth().deliveries(d -> d.msgId() == msgId).stream()
                .map(Delivery::openid)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(tag101)
        .hasSize(25);
  }

  @Test
  void aServiceAccountUserGetsAtMostFourBroadcastsAMonth() {
    List<String> two = List.of(f.user(0), f.user(1));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(send(two, "month-" + i).path("msg_id").asLong());
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ids.stream().allMatch(id -> status(id).equals("SEND_SUCCESS")));

    assertThat(f.sim.truth().deliveriesTo(DEFAULT_APPID, f.user(0))).hasSize(4);
  }

  @Test
  void getDeleteSpeedAndPreviewBehaveAsWeChat() {
    assertThat(errcode(f.call("message/mass/get", "{\"msg_id\":\"123\"}"))).isEqualTo(40059);
    assertThat(errcode(f.call("message/mass/delete", "{\"msg_id\":123}"))).isEqualTo(40059);
    assertThat(errcode(f.call("message/mass/speed/set", "{\"speed\":5}"))).isEqualTo(45083);
    assertThat(errcode(f.call("message/mass/speed/set", "{\"speed\":3}"))).isZero();
    assertThat(f.call("message/mass/speed/get", "").path("realspeed").asInt()).isEqualTo(30);
    JsonNode preview =
        f.call(
            "message/mass/preview",
            "{\"touser\":\"" + f.user(5) + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"p\"}}");
    assertThat(preview.path("errmsg").asString()).isEqualTo("preview success");
    assertThat(f.sim.truth().deliveriesTo(DEFAULT_APPID, f.user(5)))
        .extracting(Delivery::channel)
        .containsExactly("preview");
    long msgId = send(List.of(f.user(0), f.user(1)), "del-1").path("msg_id").asLong();
    await().atMost(Duration.ofSeconds(5)).until(() -> status(msgId).equals("SEND_SUCCESS"));
    assertThat(errcode(f.call("message/mass/delete", "{\"msg_id\":" + msgId + "}"))).isZero();
    assertThat(status(msgId)).isEqualTo("DELETE");
  }

  private JsonNode send(List<String> touser, String clientmsgid) {
    String ids = touser.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(","));
    String cid = clientmsgid == null ? "" : ",\"clientmsgid\":\"" + clientmsgid + "\"";
    return f.call(
        "message/mass/send",
        "{\"touser\":["
            + ids
            + "],\"msgtype\":\"text\",\"text\":{\"content\":\"sale\"}"
            + cid
            + "}");
  }

  private List<String> finished() {
    return receiver.received().stream()
        .map(CallbackReceiver.Received::body)
        .filter(b -> b.contains("MASSSENDJOBFINISH"))
        .toList();
  }

  private String status(long msgId) {
    return f.call("message/mass/get", "{\"msg_id\":" + msgId + "}").path("msg_status").asString();
  }
}
