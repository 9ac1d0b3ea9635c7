package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What {@code --wait} makes of a command's records: results, deliveries and a sync's pages. */
class ResultTrailTest {
  private final List<String> printed = new ArrayList<>();

  private static JsonNode event(String type, String data) {
    return ContractCodec.newMapper().readTree("{\"type\":\"" + type + "\",\"data\":" + data + "}");
  }

  @Test
  void aTemplateMessageIsCompleteOnlyOnceItsDeliveryArrived() {
    ResultTrail trail = new ResultTrail("c1", FollowUp.DELIVERY, printed::add);
    trail.accept(
        event(
            "wechat.result",
            "{\"commandId\":\"c1\",\"status\":\"SUCCEEDED\",\"attempts\":1,"
                + "\"response\":{\"msgid\":1001}}"));
    trail.accept(event("wechat.template.finished", "{\"commandId\":\"other\",\"msgId\":7}"));

    assertThat(trail.complete()).isFalse();
    trail.accept(
        event(
            "wechat.template.finished",
            "{\"commandId\":\"c1\",\"msgId\":1001,\"openid\":\"oAlice\",\"status\":\"success\","
                + "\"succeeded\":true}"));

    assertThat(trail.complete()).isTrue();
    assertThat(trail.outcome().orElseThrow().succeeded()).isTrue();
    assertThat(printed)
        .containsExactly(
            "result: SUCCEEDED after 1 attempt msgid=1001",
            "finished: success: delivered to oAlice (msgid 1001)");
  }

  @Test
  void aRefusedDeliveryIsNoSuccessAndAFailedSendWaitsForNothing() {
    ResultTrail refused = new ResultTrail("c1", FollowUp.DELIVERY, printed::add);
    refused.accept(event("wechat.result", "{\"commandId\":\"c1\",\"status\":\"SUCCEEDED\"}"));
    refused.accept(
        event(
            "wechat.template.finished",
            "{\"commandId\":\"c1\",\"msgId\":5,\"openid\":\"oBob\","
                + "\"status\":\"failed:user block\",\"succeeded\":false}"));
    assertThat(refused.outcome().orElseThrow().succeeded()).isFalse();
    assertThat(printed)
        .last()
        .isEqualTo("finished: failed:user block: not delivered to oBob (msgid 5)");

    ResultTrail failed = new ResultTrail("c2", FollowUp.DELIVERY, printed::add);
    failed.accept(
        event(
            "wechat.result",
            "{\"commandId\":\"c2\",\"status\":\"FAILED\",\"errcode\":43101,"
                + "\"errmsg\":\"user refuse to accept the msg\"}"));
    assertThat(failed.complete()).isTrue();
    assertThat(failed.outcome().orElseThrow().chunks()).isZero();
  }

  @Test
  void aSyncsPagesArePrintedAndALaterRunsPagesReplaceTheEarlierOnes() {
    ResultTrail trail = new ResultTrail("s1", FollowUp.NOTHING, printed::add);
    trail.accept(page(0, "\"oA\",\"oB\"", "oB"));
    trail.accept(page(0, "\"oA\",\"oB\"", "oB")); // the sync ran again after a failure
    trail.accept(page(1, "\"oC\"", ""));
    assertThat(trail.complete()).isFalse();
    trail.accept(
        event(
            "wechat.result",
            "{\"commandId\":\"s1\",\"status\":\"SUCCEEDED\",\"attempts\":1,"
                + "\"response\":{\"total\":3,\"count\":3,\"pages\":2}}"));

    var outcome = trail.outcome().orElseThrow();
    assertThat(outcome.pages()).hasSize(2);
    assertThat(outcome.succeeded()).isTrue();
    assertThat(printed)
        .containsExactly(
            "page 0: 2 followers of 3 (next_openid oB)",
            "page 0: 2 followers of 3 (next_openid oB)",
            "page 1: 1 followers of 3",
            "result: SUCCEEDED after 1 attempt total=3 count=3 pages=2");
    assertThat(ResponseLines.of("wechat.users.sync", outcome.result(), outcome.pages()))
        .containsExactly(
            "followers: 3 listed in 2 pages (3 in the pages read here), WeChat's total 3");
  }

  private static JsonNode page(int page, String openids, String next) {
    return event(
        "wechat.users.page",
        "{\"commandId\":\"s1\",\"page\":"
            + page
            + ",\"total\":3,\"openids\":["
            + openids
            + "],\"nextOpenid\":\""
            + next
            + "\"}");
  }

  @Test
  void aBroadcastStillWaitsForEachChunk() {
    ResultTrail trail = new ResultTrail("m1", FollowUp.CHUNKS, printed::add);
    trail.accept(
        event(
            "wechat.result", "{\"commandId\":\"m1\",\"status\":\"SUCCEEDED\",\"chunks\":[{},{}]}"));
    trail.accept(
        event(
            "wechat.mass.finished",
            "{\"commandId\":\"m1\",\"chunkIndex\":1,\"sentCount\":5,\"totalCount\":5,"
                + "\"succeeded\":true}"));
    assertThat(trail.complete()).isFalse();
    assertThat(printed).last().isEqualTo("finished: 1/2 chunks, sent 5 of 5 (0 errors)");
  }
}
