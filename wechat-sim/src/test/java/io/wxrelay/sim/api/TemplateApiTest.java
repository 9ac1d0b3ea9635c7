package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.fault.FaultPlan;
import io.wxrelay.sim.junit.CallbackReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Template messages through the simulator's HTTP API: management, send rules and pushes. */
class TemplateApiTest {
  private static final String ORDER =
      "{\"character_string1\":{\"value\":\"%s\"},\"thing2\":{\"value\":\"%s\"},"
          + "\"amount3\":{\"value\":\"￥99.00\"}}";

  private final CallbackReceiver receiver = new CallbackReceiver();
  private SimFixture f;
  private String builtIn;

  @BeforeEach
  void start() {
    f = new SimFixture(SimConfig.forTests());
    var app = f.sim.accounts().app(DEFAULT_APPID).orElseThrow();
    f.sim.accounts().update(app.withCallback(receiver.url(), "cbtoken", Mode.PLAIN, null));
    builtIn = f.wechat.builtInTemplateId(DEFAULT_APPID);
  }

  @AfterEach
  void stop() {
    f.close();
    receiver.close();
  }

  @Test
  void anAccountStartsWithOneTemplateAndAddsUpToTwentyFive() {
    JsonNode list = f.call("template/get_all_private_template", "").path("template_list");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("template_id").asString())
        .isEqualTo(builtIn)
        .hasSizeGreaterThan(20);
    assertThat(list.get(0).path("title").asString()).isEqualTo("订单支付成功");
    assertThat(list.get(0).path("content").asString()).contains("{{keyword1.DATA}}");
    assertThat(list.get(0).path("primary_industry").asString()).isEqualTo("IT科技");
    assertThat(list.get(0).has("deputy_industry")).isTrue();
    assertThat(list.get(0).has("example")).isTrue();

    assertThat(errcode(f.call("template/api_add_template", "{\"template_id_short\":\"TM99999\"}")))
        .isEqualTo(40037);
    String chosen =
        f.call(
                "template/api_add_template",
                "{\"template_id_short\":\"9527\",\"keyword_name_list\":[\"订单号\",\"金额\"]}")
            .path("template_id")
            .asString();
    assertThat(
            f.call("template/get_all_private_template", "")
                .path("template_list")
                .get(1)
                .path("content")
                .asString())
        .isEqualTo("订单号{{character_string1.DATA}}\n金额{{amount3.DATA}}");
    assertThat(chosen).isNotEqualTo(builtIn);
    for (int i = 2; i < 25; i++) {
      assertThat(errcode(add("TM00015"))).isZero();
    }
    assertThat(errcode(add("TM00015"))).isEqualTo(45026);
    assertThat(errcode(f.call("template/del_private_template", "{\"template_id\":\"nope\"}")))
        .isEqualTo(40037);
    assertThat(
            errcode(
                f.call("template/del_private_template", "{\"template_id\":\"" + chosen + "\"}")))
        .isZero();
    assertThat(errcode(add("TM00015"))).isZero();
  }

  @Test
  void setsAndReadsTheIndustries() {
    assertThat(errcode(industry("1", "42"))).isEqualTo(47003);
    assertThat(errcode(industry("0", "4"))).isEqualTo(47003);
    assertThat(errcode(industry("13", "1"))).isZero();

    JsonNode industry = f.wechat.get("/cgi-bin/template/get_industry?access_token=" + f.token);
    assertThat(industry.path("primary_industry").path("first_class").asString()).isEqualTo("运输与仓储");
    assertThat(industry.path("primary_industry").path("second_class").asString()).isEqualTo("快递");
    assertThat(industry.path("secondary_industry").path("second_class").asString())
        .isEqualTo("互联网|电子商务");
  }

  @Test
  void sendsAndPushesTemplateSendJobFinishInTheAccountsMode() {
    var app = f.sim.accounts().app(DEFAULT_APPID).orElseThrow();
    f.sim
        .accounts()
        .update(app.withCallback(receiver.url(), "cbtoken", Mode.COMPAT, SimConfig.SAMPLE_AES_KEY));

    JsonNode sent = send(f.user(3), builtIn, paid("30.00"), null);
    long msgId = sent.path("msgid").asLong();

    assertThat(sent.path("errmsg").asString()).isEqualTo("ok");
    var deliveries = f.wechat.templateDeliveries(DEFAULT_APPID, f.user(3));
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.getFirst().path("msgId").asLong()).isEqualTo(msgId);
    assertThat(deliveries.getFirst().path("templateId").asString()).isEqualTo(builtIn);
    assertThat(deliveries.getFirst().path("data").path("keyword1").asString()).isEqualTo("30.00");
    await().atMost(Duration.ofSeconds(5)).until(() -> finished().size() == 1);
    var push = receiver.received().getFirst();
    assertThat(push.body())
        .contains("<FromUserName><![CDATA[" + f.user(3) + "]]></FromUserName>")
        .contains("<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>")
        .contains("<MsgID>" + msgId + "</MsgID>")
        .contains("<Status><![CDATA[success]]></Status>")
        .contains("<Encrypt>");
    assertThat(push.param("msg_signature")).isNotBlank();
  }

  @Test
  void refusesUnknownTemplatesNonFollowersRefusersBadDataAndLongUrls() {
    f.sim.users().unfollow(DEFAULT_APPID, f.user(1));
    f.wechat.refuseMessages(DEFAULT_APPID, f.user(2), true);
    String category = add("9527").path("template_id").asString();

    assertThat(errcode(send(f.user(0), "nope", paid("1"), null))).isEqualTo(40037);
    assertThat(errcode(send(f.user(1), builtIn, paid("1"), null))).isEqualTo(43004);
    assertThat(errcode(send("oNobody", builtIn, paid("1"), null))).isEqualTo(40003);
    JsonNode refused = send(f.user(2), builtIn, paid("1"), null);
    assertThat(errcode(refused)).isEqualTo(43101);
    assertThat(refused.path("errmsg").asString()).startsWith("user refuse to accept the msg");
    f.wechat.refuseMessages(DEFAULT_APPID, f.user(2), false);
    assertThat(errcode(send(f.user(2), builtIn, paid("1"), null))).isZero();
    JsonNode longThing = send(f.user(0), category, ORDER.formatted("A1", "商".repeat(21)), null);
    assertThat(errcode(longThing)).isEqualTo(47003);
    assertThat(longThing.path("errmsg").asString())
        .startsWith("argument invalid! data.thing2.value invalid");
    assertThat(errcode(send(f.user(0), category, ORDER.formatted("A1", "商".repeat(20)), null)))
        .isZero();
    assertThat(errcode(send(f.user(0), category, ORDER.formatted("x".repeat(33), "t"), null)))
        .isEqualTo(47003);
    assertThat(
            send(f.user(0), builtIn, "{\"first\":{\"value\":\"a\"}}", null)
                .path("errmsg")
                .asString())
        .startsWith("argument invalid! data.keyword1.value invalid");
    String extra = paid("1").replace("}}", "},\"keyword9\":{\"value\":\"x\"}}");
    assertThat(errcode(send(f.user(0), builtIn, extra, null))).isEqualTo(47003);
    String url = "\"url\":\"https://example.com/" + "a".repeat(1010) + "\",";
    assertThat(
            errcode(
                f.call(
                    "message/template/send",
                    body(f.user(0), builtIn, paid("1"), null)
                        .replace("{\"touser", "{" + url + "\"touser"))))
        .isEqualTo(40039);
    assertThat(f.wechat.templateDeliveries(DEFAULT_APPID, null)).hasSize(2);
  }

  @Test
  void theSameClientMsgIdWithinTenMinutesAnswersTheFirstMsgidAndSendsNothing() {
    long first = send(f.user(0), builtIn, paid("1"), "order-1").path("msgid").asLong();
    JsonNode again = send(f.user(0), builtIn, paid("1"), "order-1");
    long otherUser = send(f.user(1), builtIn, paid("1"), "order-1").path("msgid").asLong();
    f.advance(Duration.ofMinutes(9));
    long stillSame = send(f.user(0), builtIn, paid("1"), "order-1").path("msgid").asLong();
    f.advance(Duration.ofMinutes(1));
    long later = send(f.user(0), builtIn, paid("1"), "order-1").path("msgid").asLong();

    assertThat(errcode(again)).isZero();
    assertThat(again.path("msgid").asLong()).isEqualTo(first);
    assertThat(stillSame).isEqualTo(first);
    assertThat(otherUser).isNotEqualTo(first);
    assertThat(later).isNotIn(first, otherUser);
    assertThat(f.wechat.templateDeliveries(DEFAULT_APPID, f.user(0)))
        .extracting(d -> d.path("msgId").asLong())
        .containsExactly(first, later);
    await().atMost(Duration.ofSeconds(5)).until(() -> finished().size() == 3);
  }

  @Test
  void theDailyQuotaRefusesWith45009UntilTheNextDay() {
    f.wechat.setTemplateDailyQuota(DEFAULT_APPID, 2);

    assertThat(errcode(send(f.user(0), builtIn, paid("1"), null))).isZero();
    assertThat(errcode(send(f.user(1), builtIn, paid("1"), "c1"))).isZero();
    assertThat(errcode(send(f.user(1), builtIn, paid("1"), "c1"))).as("a duplicate").isZero();
    assertThat(errcode(send(f.user(2), builtIn, paid("1"), null))).isEqualTo(45009);
    f.advance(Duration.ofDays(1));
    assertThat(errcode(send(f.user(2), builtIn, paid("1"), null))).isZero();
  }

  @Test
  void injectedFaultsApplyToTheTemplateApis() {
    f.sim.faults().set("message/template/send", FaultPlan.parse("rate=1; errors=-1"));

    assertThat(errcode(send(f.user(0), builtIn, paid("1"), null))).isEqualTo(-1);
    assertThat(f.wechat.templateDeliveries(DEFAULT_APPID, null)).isEmpty();
    assertThat(f.sim.truth().faultedCalls("message/template/send")).isEqualTo(1);
  }

  private List<String> finished() {
    return receiver.received().stream()
        .map(CallbackReceiver.Received::body)
        .filter(b -> b.contains("TEMPLATESENDJOBFINISH"))
        .toList();
  }

  private static String paid(String amount) {
    return "{\"first\":{\"value\":\"支付成功\"},\"keyword1\":{\"value\":\""
        + amount
        + "\",\"color\":\"#173177\"},\"keyword2\":{\"value\":\"保温杯\"},\"remark\":{\"value\":\"谢谢\"}}";
  }

  private JsonNode add(String shortId) {
    return f.call("template/api_add_template", "{\"template_id_short\":\"" + shortId + "\"}");
  }

  private JsonNode industry(String first, String second) {
    return f.call(
        "template/api_set_industry",
        "{\"industry_id1\":\"" + first + "\",\"industry_id2\":\"" + second + "\"}");
  }

  private JsonNode send(String touser, String templateId, String data, String clientMsgId) {
    return f.call("message/template/send", body(touser, templateId, data, clientMsgId));
  }

  private static String body(String touser, String templateId, String data, String clientMsgId) {
    return "{\"touser\":\""
        + touser
        + "\",\"template_id\":\""
        + templateId
        + "\",\"data\":"
        + data
        + (clientMsgId == null ? "" : ",\"client_msg_id\":\"" + clientMsgId + "\"")
        + "}";
  }
}
