package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.inbound.InboundData;
import io.wxrelay.schemas.inbound.SubscribeEvent;
import io.wxrelay.schemas.inbound.TextMessage;
import io.wxrelay.worker.events.EventReactor;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.replies.ReplyRules;
import io.wxrelay.worker.replies.RulesFile;
import io.wxrelay.worker.tracing.WorkerSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events consumer answers by the account's rules: a command of its own per event ({@code
 * reply-<event id>}), so the same event twice is one call; a text no rule matches gets nothing; a
 * click is answered though the menu keys it is checked against cannot be read.
 */
class RuleRepliesTest {
  private final DispatchHarness h = new DispatchHarness();

  @TempDir Path dir;

  private EventReactor reactor() throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(
        file,
        """
        {"%s": {
          "welcome": {"msgtype": "text", "text": {"content": "Welcome {openid}"}},
          "keywords": [{"contains": "price", "reply": {"msgtype": "text", "text": {"content": "See the menu"}}}],
          "clicks": {"TODAY": {"msgtype": "text", "text": {"content": "Today's news"}}}
        }}
        """
            .formatted(APPID));
    ReplyRules rules =
        ReplyRules.fromFile(file, new RulesFile(h.codec), Duration.ofSeconds(5), h.clock, ok -> {});
    return new EventReactor(
        h.codec,
        h.correlations,
        rules,
        h.clickKeys(rules),
        h.processor,
        h.publisher,
        new WorkerMeters.Recorder(h.registry),
        "/test/worker",
        h.clock,
        h.sleeper,
        WorkerSpans.off());
  }

  private <T extends InboundData> void handle(
      EventReactor reactor, EventType type, String id, T data) throws Exception {
    CloudEvent<T> event = CloudEvent.of(type, id, "/gateway", APPID, h.clock.instant(), data);
    reactor.handle(h.record(h.codec.encode(event), APPID + ":oUser1", Map.of()));
  }

  @Test
  void aFollowIsWelcomedOnceThoughItsEventComesTwice() throws Exception {
    EventReactor reactor = reactor();
    h.wechat.answers(0);
    SubscribeEvent follow =
        new SubscribeEvent("gh_shop", "oUser1", 1_700_000_000L, null, null, true);
    handle(reactor, EventType.EVENT_SUBSCRIBE, "evt-sub-1", follow);
    handle(reactor, EventType.EVENT_SUBSCRIBE, "evt-sub-1", follow);

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.wechat.body(0).at("/text/content").asString()).isEqualTo("Welcome oUser1");
    assertThat(h.results()).extracting(r -> r.commandId()).containsOnly("reply-evt-sub-1");
    assertThat(h.counter("wxrelay.worker.rule.replies", "on", "follow")).isEqualTo(2);
  }

  @Test
  void aTextIsAnsweredByItsKeywordAndOneWithoutARuleIsNot() throws Exception {
    EventReactor reactor = reactor();
    h.wechat.answers(0);
    handle(reactor, EventType.MESSAGE_TEXT, "evt-txt-1", text("What is the price?"));
    handle(reactor, EventType.MESSAGE_TEXT, "evt-txt-2", text("hello"));

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.onlyResult().commandId()).isEqualTo("reply-evt-txt-1");
  }

  @Test
  void aClickIsAnsweredThoughTheMenuKeysCannotBeRead() throws Exception {
    EventReactor reactor = reactor();
    h.menuStore.broken = true;
    h.wechat.answers(0);
    handle(
        reactor,
        EventType.EVENT_CLICK,
        "evt-clk-1",
        new ClickEvent("gh_shop", "oUser1", 1_700_000_000L, "TODAY"));

    assertThat(h.wechat.calls).hasSize(1);
    assertThat(h.wechat.body(0).at("/text/content").asString()).isEqualTo("Today's news");
    assertThat(h.onlyResult().commandId()).isEqualTo("reply-evt-clk-1");
    assertThat(h.counter("wxrelay.worker.redis.errors", "kind", "advisory", "reason", "noperm"))
        .isEqualTo(1);
  }

  private static TextMessage text(String content) {
    return new TextMessage("gh_shop", "oUser1", 1_700_000_000L, "1", content, null, null);
  }
}
