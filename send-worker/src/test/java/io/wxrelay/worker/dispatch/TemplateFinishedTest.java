package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.TemplateSendJobFinishEvent;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.worker.events.EventReactor;
import io.wxrelay.worker.replies.ReplyRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * TEMPLATESENDJOBFINISH is joined to the template message's command by the msgid WeChat answered
 * the send with, and published as {@code wechat.template.finished} keyed by the command id; a
 * finish of a message wxrelay did not send publishes nothing.
 */
class TemplateFinishedTest {
  private final DispatchHarness h = new DispatchHarness();
  private final EventReactor reactor = h.reactor(ReplyRules.NONE);

  private void send(String id) throws Exception {
    h.processor.handle(h.record(h.templateSend(id), APPID + ":oUser1"));
  }

  private void finish(String eventId, long msgId, String status) throws Exception {
    CloudEvent<TemplateSendJobFinishEvent> event =
        CloudEvent.of(
            EventType.EVENT_TEMPLATESENDJOBFINISH,
            eventId,
            "/gateway",
            APPID,
            h.clock.instant(),
            new TemplateSendJobFinishEvent("gh_shop", "oUser1", 1_765_000_000L, msgId, status));
    reactor.handle(h.record(h.codec.encode(event), APPID + ":oUser1", Map.of()));
  }

  private List<ProducerRecord<String, byte[]>> finishes() {
    return h.published("results").stream()
        .filter(r -> h.codec.decode(r.value()).data() instanceof TemplateFinished)
        .toList();
  }

  private TemplateFinished data(ProducerRecord<String, byte[]> record) {
    return (TemplateFinished) h.codec.decode(record.value()).data();
  }

  @Test
  void aFinishIsJoinedToTheCommandThatSentItsMsgId() throws Exception {
    h.wechat.succeeds(Map.of("msgid", 2002283321L));
    send("tpl-join");
    assertThat(((Number) h.onlyResult().response().get("msgid")).longValue())
        .isEqualTo(2002283321L);

    finish("evt-fin-1", 2002283321L, "success");

    ProducerRecord<String, byte[]> record = finishes().getFirst();
    assertThat(record.key()).isEqualTo("tpl-join");
    assertThat(h.codec.decode(record.value()).type())
        .isEqualTo(EventType.TEMPLATE_FINISHED.value());
    assertThat(data(record))
        .isEqualTo(
            new TemplateFinished("tpl-join", 2002283321L, "oUser1", "success", true, "evt-fin-1"));
    assertThat(h.counter("wxrelay.worker.template.finished", "outcome", "succeeded")).isEqualTo(1);
  }

  @Test
  void anyStatusButSuccessIsAFailure() throws Exception {
    h.wechat.succeeds(Map.of("msgid", 11L));
    send("tpl-blocked");

    finish("evt-fin-2", 11L, "failed:user block");

    assertThat(data(finishes().getFirst()).succeeded()).isFalse();
    assertThat(h.counter("wxrelay.worker.template.finished", "outcome", "failed")).isEqualTo(1);
  }

  @Test
  void aFinishOfAMessageNotSentThroughWxrelayPublishesNothingAndHoldsNothingUp() throws Exception {
    finish("evt-fin-3", 999L, "success");

    assertThat(finishes()).isEmpty();
    assertThat(h.sleeps).as("the kept finish covers a link not written yet: no waiting").isEmpty();
    assertThat(h.counter("wxrelay.worker.template.finished", "outcome", "unmatched")).isEqualTo(1);
  }

  @Test
  void aFinishThatComesBeforeItsSendsAnswerIsPublishedByTheSend() throws Exception {
    finish("evt-fin-early", 21L, "success"); // WeChat pushed it; the send's answer was lost
    assertThat(finishes()).isEmpty();

    h.wechat.succeeds(Map.of("msgid", 21L)); // the retry, deduped by WeChat, answers its msgid
    send("tpl-early");

    assertThat(finishes())
        .singleElement()
        .satisfies(r -> assertThat(r.key()).isEqualTo("tpl-early"));
    assertThat(data(finishes().getFirst()))
        .isEqualTo(
            new TemplateFinished("tpl-early", 21L, "oUser1", "success", true, "evt-fin-early"));
    assertThat(h.counter("wxrelay.worker.template.finished", "outcome", "succeeded")).isEqualTo(1);
  }

  @Test
  void theSameFinishTwiceIsTheSameRecordTwice() throws Exception {
    h.wechat.succeeds(Map.of("msgid", 12L));
    send("tpl-twice");

    finish("evt-fin-4", 12L, "success");
    finish("evt-fin-4", 12L, "success");

    List<ProducerRecord<String, byte[]>> twice = finishes();
    assertThat(twice).hasSize(2);
    assertThat(h.codec.decode(twice.get(0).value()).id())
        .as("one id: a consumer that dedupes by id sees one")
        .isEqualTo(h.codec.decode(twice.get(1).value()).id());
  }

  @Test
  void aMessageIsForgottenAfterTheLinksTtl() throws Exception {
    h.wechat.succeeds(Map.of("msgid", 13L));
    send("tpl-old");
    h.clock.advance(Duration.ofDays(3));

    finish("evt-fin-5", 13L, "success");

    assertThat(finishes()).isEmpty();
  }
}
