package io.wxrelay.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.schemas.command.TemplateSend.Miniprogram;
import io.wxrelay.schemas.command.TemplateSend.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A template message is one call of message/template/send with WeChat's body and a client_msg_id
 * derived from the command id, repeatable only within WeChat's dedupe window less a margin.
 */
class TemplateCallsTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private final CommandCalls calls = new CommandCalls(ContractCodec.newMapper(), 10_000);

  private CallPlan plan(String id, TemplateSend send) {
    return calls.plan(
        CloudEvent.of(
            EventType.TEMPLATE_SEND,
            id,
            "/test",
            APPID,
            Instant.parse("2026-12-06T10:00:00Z"),
            send));
  }

  private static ObjectNode body(CallPlan plan) {
    assertThat(plan.calls()).hasSize(1);
    ApiCall call = plan.calls().getFirst();
    assertThat(call).isInstanceOf(ApiCall.Plain.class);
    return ((Request.Json) call.request()).body();
  }

  private static Map<String, Value> data() {
    Map<String, Value> data = new LinkedHashMap<>();
    data.put("thing1", new Value("Order 42 shipped", null));
    data.put("amount2", new Value("¥12.00", "#173177"));
    return data;
  }

  @Test
  void itSendsWeChatsBodyWithAClientMsgIdOfTheCommand() {
    CallPlan plan =
        plan(
            "tpl-1",
            new TemplateSend(
                "oUser1",
                "tplIdXyz",
                "https://shop.example/o/42",
                new Miniprogram("wxmini0000000001", "pages/order?id=42"),
                data()));

    ObjectNode body = body(plan);
    assertThat(plan.calls().getFirst().api()).isEqualTo("message/template/send");
    assertThat(body.get("touser").asString()).isEqualTo("oUser1");
    assertThat(body.get("template_id").asString()).isEqualTo("tplIdXyz");
    assertThat(body.get("url").asString()).isEqualTo("https://shop.example/o/42");
    assertThat(body.at("/miniprogram/appid").asString()).isEqualTo("wxmini0000000001");
    assertThat(body.at("/miniprogram/pagepath").asString()).isEqualTo("pages/order?id=42");
    assertThat(body.at("/data/thing1/value").asString()).isEqualTo("Order 42 shipped");
    assertThat(body.at("/data/thing1/color").isMissingNode()).isTrue();
    assertThat(body.at("/data/amount2/color").asString()).isEqualTo("#173177");
    assertThat(body.get("client_msg_id").asString())
        .isEqualTo(CommandCalls.clientmsgid("tpl-1", 0));
  }

  @Test
  void whatIsNotGivenIsLeftOut() {
    ObjectNode body =
        body(plan("tpl-2", new TemplateSend("oUser1", "tplIdXyz", null, null, data())));

    assertThat(body.propertyNames())
        .containsExactlyInAnyOrder("touser", "template_id", "data", "client_msg_id");
  }

  @Test
  void aLongCommandIdGivesAClientMsgIdWithinThirtyTwoBytesTheSameEachTime() {
    String id = "cli-2026-12-06T10:00:00.123Z-0f3a9c2e-aaaa-bbbb";
    TemplateSend send = new TemplateSend("oUser1", "tplIdXyz", null, null, data());

    String first = body(plan(id, send)).get("client_msg_id").asString();
    String again = body(plan(id, send)).get("client_msg_id").asString();
    String other = body(plan(id + "x", send)).get("client_msg_id").asString();

    assertThat(first.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(32);
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void itIsRepeatableOnlyWithinNineOfWeChatsTenMinutes() {
    CallPlan plan = plan("tpl-3", new TemplateSend("oUser1", "tplIdXyz", null, null, data()));

    assertThat(plan.repeat()).isEqualTo(Repeatability.within(Duration.ofMinutes(9)));
    assertThat(plan.repeatable()).as("not whatever the time").isFalse();
  }
}
