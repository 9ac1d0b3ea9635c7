package io.wxrelay.worker.events;

import io.wxrelay.kit.tracing.LogFields;
import io.wxrelay.kit.tracing.TraceContext;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.ReplyTemplate;
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent;
import io.wxrelay.schemas.inbound.ScanEvent;
import io.wxrelay.schemas.inbound.SubscribeEvent;
import io.wxrelay.schemas.inbound.TemplateSendJobFinishEvent;
import io.wxrelay.schemas.inbound.TextMessage;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.consume.RecordHandler;
import io.wxrelay.worker.correlation.Correlations;
import io.wxrelay.worker.correlation.Correlations.BroadcastRef;
import io.wxrelay.worker.correlation.Correlations.PublishFinish;
import io.wxrelay.worker.correlation.Correlations.TemplateFinish;
import io.wxrelay.worker.dispatch.CommandProcessor;
import io.wxrelay.worker.menus.ClickKeyCheck;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.replies.ReplyRules;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.tracing.WorkerSpans;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The handler of {@code wechat.events}: answers a scan of a QR code that carries a reply (as a
 * customer-service message, itself a command with a result, id {@code qr-reply-<event id>}; its
 * placeholders filled with the scan's values, {@link ReplyTemplate}), answers follows, texts and
 * menu clicks by the account's {@link ReplyRules} (id {@code reply-<event id>}; a click also
 * compares the rules with the account's menus, {@link ClickKeyCheck}), and matches
 * MASSSENDJOBFINISH to the broadcast command that caused it ({@code wechat.mass.finished}) and
 * TEMPLATESENDJOBFINISH to the template message's command ({@code wechat.template.finished}) and
 * PUBLISHJOBFINISH to the submit that started the task ({@code wechat.publish.finished}). Every
 * other event is not this worker's business.
 */
public final class EventReactor implements RecordHandler {
  private static final Logger log = LoggerFactory.getLogger(EventReactor.class);

  /** The finish event can overtake the write of its msg_id link by a hair; look a few times. */
  private static final int LINK_LOOKUPS = 4;

  private static final Duration LINK_WAIT = Duration.ofMillis(500);

  /**
   * How long a template message's finish without a link is kept for its send to publish: a send
   * whose answer was lost is repeated, or taken over, only within WeChat's 10-minute dedupe.
   */
  private static final Duration EARLY_FINISH_TTL = Duration.ofHours(1);

  private final ContractCodec codec;
  private final Correlations correlations;
  private final ReplyRules rules;
  private final ClickKeyCheck clickKeys;
  private final CommandProcessor commands;
  private final OutcomePublisher publisher;
  private final WorkerMeters.Recorder meters;
  private final String source;
  private final Clock clock;
  private final Sleeper sleeper;
  private final WorkerSpans spans;

  /**
   * Each event is handled in a {@code consume} span of {@code spans}: the replies it sends go on in
   * its trace.
   */
  public EventReactor(
      ContractCodec codec,
      Correlations correlations,
      ReplyRules rules,
      ClickKeyCheck clickKeys,
      CommandProcessor commands,
      OutcomePublisher publisher,
      WorkerMeters.Recorder meters,
      String source,
      Clock clock,
      Sleeper sleeper,
      WorkerSpans spans) {
    this.spans = spans;
    this.codec = codec;
    this.correlations = correlations;
    this.rules = rules;
    this.clickKeys = clickKeys;
    this.commands = commands;
    this.publisher = publisher;
    this.meters = meters;
    this.source = source;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public void handle(InboundRecord record) throws InterruptedException {
    CloudEvent<?> event;
    try {
      event = codec.decode(record.value(), record.headers());
    } catch (ContractViolation e) {
      log.warn("skipping {}: not a valid event ({})", record, e.kind());
      return;
    }
    spans.consume(event, record, LogFields.EVENT_ID, () -> react(event, record));
  }

  private void react(CloudEvent<?> event, InboundRecord record) throws InterruptedException {
    String appid = event.subject();
    switch (event.data()) {
      case SubscribeEvent s -> followed(event, record, s);
      case ScanEvent s -> qrReply(event, record, s.openid(), s.scene());
      case TextMessage t ->
          byRule(
              event,
              record,
              t.openid(),
              null,
              "text",
              rules.of(appid).flatMap(r -> r.onText(t.content())));
      case ClickEvent c -> {
        clickKeys.tryCheck(appid);
        byRule(
            event,
            record,
            c.openid(),
            null,
            "click",
            rules.of(appid).flatMap(r -> r.onClick(c.eventKey())));
      }
      case MassSendJobFinishEvent f -> finished(event, f);
      case TemplateSendJobFinishEvent f -> templateFinished(event, f);
      case PublishJobFinishEvent f -> publishFinished(event, f);
      default -> {}
    }
  }

  /** A follow through a QR code with a reply gets that reply; else the account's welcome. */
  private void followed(CloudEvent<?> event, InboundRecord record, SubscribeEvent s)
      throws InterruptedException {
    if (s.scene() != null && qrReply(event, record, s.openid(), s.scene())) {
      return;
    }
    byRule(
        event,
        record,
        s.openid(),
        s.scene(),
        "follow",
        rules.of(event.subject()).flatMap(r -> r.onFollow(s.scene())));
  }

  /** Answers a scan with its QR code's reply; false when the code has none. */
  private boolean qrReply(CloudEvent<?> event, InboundRecord record, String openid, String scene)
      throws InterruptedException {
    Optional<String> reply = correlations.qrReply(event.subject(), scene);
    if (reply.isEmpty()) {
      meters.qrReply("none");
      return false;
    }
    answer(event, record, openid, scene, codec.mapper().readTree(reply.get()), "qr-reply-");
    meters.qrReply("sent");
    return true;
  }

  /** Answers {@code event} with the reply its account's rules give, if any. */
  private void byRule(
      CloudEvent<?> event,
      InboundRecord record,
      String openid,
      @Nullable String scene,
      String on,
      Optional<JsonNode> reply)
      throws InterruptedException {
    if (reply.isPresent()) {
      answer(event, record, openid, scene, reply.get(), "reply-");
      meters.ruleReply(on);
    }
  }

  /**
   * Sends {@code reply} to {@code openid} as a customer-service command of its own, its id derived
   * from the event's (WeChat's retries and Kafka's redeliveries of the event are one command, sent
   * once), its placeholders filled with the event's values.
   */
  private void answer(
      CloudEvent<?> event,
      InboundRecord record,
      String openid,
      @Nullable String scene,
      JsonNode reply,
      String idPrefix)
      throws InterruptedException {
    Map<String, String> values =
        Map.of(
            "openid",
            openid,
            "scene",
            scene == null ? "" : scene,
            "appid",
            event.subject(),
            "event_time",
            String.valueOf(event.time() == null ? clock.instant() : event.time()));
    CustomMessage message =
        codec.mapper().treeToValue(ReplyTemplate.fill(reply, values), CustomMessage.class);
    CloudEvent<CustomSend> command =
        CloudEvent.of(
                EventType.CUSTOM_SEND,
                CloudEvent.derivedId(idPrefix, event.id()),
                source,
                event.subject(),
                clock.instant(),
                new CustomSend(openid, message))
            // the reply goes on in the event's trace, under the span that handles the event
            .withExtensions(TraceContext.current(event.traceContext()));
    // The reply is a command of its own: when it is parked or dead-lettered, what is published is
    // the command (keyed by its user, as upstream customer-service commands are), not the event.
    InboundRecord origin =
        new InboundRecord(
            record.topic(),
            record.partition(),
            record.offset(),
            event.subject() + ":" + openid,
            codec.encode(command),
            Map.of());
    commands.execute(command, origin, 0);
  }

  /**
   * What {@code link} finds, looked up a few times: the finish event can overtake the write of its
   * link by a hair.
   */
  private <T> Optional<T> linked(Supplier<Optional<T>> link) throws InterruptedException {
    Optional<T> found = Optional.empty();
    for (int i = 0; i < LINK_LOOKUPS && found.isEmpty(); i++) {
      if (i > 0) {
        sleeper.sleep(LINK_WAIT);
      }
      found = link.get();
    }
    return found;
  }

  private void finished(CloudEvent<?> event, MassSendJobFinishEvent f) throws InterruptedException {
    Optional<BroadcastRef> ref = linked(() -> correlations.broadcast(event.subject(), f.msgId()));
    if (ref.isEmpty()) {
      meters.massFinished("unmatched");
      return;
    }
    publisher.massFinished(
        event.subject(),
        new MassFinished(
            ref.get().commandId(),
            ref.get().chunk(),
            f.msgId(),
            f.status(),
            "send success".equals(f.status()),
            f.totalCount(),
            f.filterCount(),
            f.sentCount(),
            f.errorCount(),
            event.id()));
    meters.massFinished("matched");
    meters.massRecipients(f.sentCount(), f.errorCount());
  }

  /**
   * A template message's finish, matched to its command by its msgid, looked up once (the finishes
   * of messages other systems sent must not hold up the user's next events). One not linked yet is
   * kept for its send to publish (WeChat answered a retry after a lost answer, or a take-over,
   * after it pushed this), then looked up once more: whichever of the two comes second publishes it
   * (both may: the same record). One not sent through wxrelay (or forgotten: the link's TTL)
   * publishes nothing. Its id is derived from the event's, so a finish handled twice publishes the
   * same record twice, as a broadcast's does.
   */
  private void templateFinished(CloudEvent<?> event, TemplateSendJobFinishEvent f) {
    String appid = event.subject();
    TemplateFinish finish = new TemplateFinish(event.id(), f.openid(), f.status());
    Optional<String> commandId =
        linkedOrKept(
            () -> correlations.template(appid, f.msgId()),
            () -> correlations.rememberTemplateFinish(appid, f.msgId(), finish, EARLY_FINISH_TTL));
    if (commandId.isEmpty()) {
      meters.templateFinished("unmatched");
      return;
    }
    TemplateFinished finished = finish.joinedTo(commandId.get(), f.msgId());
    publisher.templateFinished(appid, finished);
    meters.templateFinished(finished.succeeded() ? "succeeded" : "failed");
  }

  /**
   * A publish task's finish, matched to its submit by its publish_id as a template message's finish
   * is by its msgid: one not linked yet is kept for the submit to publish (the push can overtake
   * the write of the link), one of a task wxrelay did not submit (or whose submit ended UNKNOWN:
   * its publish_id was never known) publishes nothing.
   */
  private void publishFinished(CloudEvent<?> event, PublishJobFinishEvent f) {
    String appid = event.subject();
    PublishFinish finish =
        new PublishFinish(
            event.id(),
            f.publishStatus(),
            f.articleId(),
            f.articles().stream().map(PublishJobFinishEvent.Article::articleUrl).toList(),
            f.failIdx());
    Optional<String> commandId =
        linkedOrKept(
            () -> correlations.publish(appid, f.publishId()),
            () ->
                correlations.rememberPublishFinish(appid, f.publishId(), finish, EARLY_FINISH_TTL));
    if (commandId.isEmpty()) {
      meters.publishFinished("unmatched");
      return;
    }
    PublishFinished finished = finish.joinedTo(commandId.get(), f.publishId());
    publisher.publishFinished(appid, finished);
    meters.publishFinished(finished.status());
  }

  /**
   * The command {@code link} finds, looked up once (a finish of what other systems started must not
   * hold up the user's next events); when none, the finish is kept ({@code keep}) for the call's
   * answer to publish, and the link looked up once more: whichever of the two comes second
   * publishes it (both may: the same record).
   */
  private static Optional<String> linkedOrKept(Supplier<Optional<String>> link, Runnable keep) {
    Optional<String> commandId = link.get();
    if (commandId.isEmpty()) {
      keep.run();
      commandId = link.get();
    }
    return commandId;
  }
}
