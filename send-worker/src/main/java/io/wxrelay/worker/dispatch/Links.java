package io.wxrelay.worker.dispatch;

import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.worker.correlation.Correlations;
import io.wxrelay.worker.correlation.Correlations.BroadcastRef;
import io.wxrelay.worker.menus.MenuWatch;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CallPlan.QrReply;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a carried-out command leaves for the events that come later: a broadcast's msg_id and a
 * template message's msgid and a publish task's publish_id, matched to their command when WeChat
 * reports the job finished, a created QR code's reply, sent to whoever scans it, and the click keys
 * of the account's menus, compared with its reply rules.
 */
public final class Links {
  private final Correlations correlations;
  private final JsonMapper mapper;
  private final Settings settings;
  private final MenuWatch menus;

  /**
   * How long what is remembered is kept.
   *
   * @param broadcastTtl how long a broadcast's msg_id stays matched to its command
   * @param permanentQrReplyTtl how long the reply of a permanent QR code is kept (a temporary
   *     code's reply lives as long as the code)
   * @param templateTtl how long a template message's msgid stays matched to its command
   * @param publishTtl how long a publish task's publish_id stays matched to its command
   */
  public record Settings(
      Duration broadcastTtl,
      Duration permanentQrReplyTtl,
      Duration templateTtl,
      Duration publishTtl) {
    public static final Duration DEFAULT_BROADCAST_TTL = Duration.ofDays(7);
    public static final Duration DEFAULT_PERMANENT_QR_REPLY_TTL = Duration.ofDays(365);

    /**
     * WeChat pushes TEMPLATESENDJOBFINISH seconds after the send, but the push can wait: WeChat
     * retries it, the gateway or the events topic's consumers may be down over a weekend, and a
     * replayed events topic brings it again. Three days covers that; one key per message (up to
     * 100,000 a day per account) is why it is not the broadcasts' week.
     */
    public static final Duration DEFAULT_TEMPLATE_TTL = Duration.ofDays(3);

    /**
     * A publish task ends in minutes, but WeChat's originality check and review may take longer,
     * and the push can wait as a template's does; the broadcasts' week covers both. Tasks are few
     * (100 submits a day).
     */
    public static final Duration DEFAULT_PUBLISH_TTL = Duration.ofDays(7);

    public static Settings fromEnv(Env env) {
      return new Settings(
          env.duration("WORKER_LINK_TTL", DEFAULT_BROADCAST_TTL),
          env.duration("WORKER_QR_REPLY_TTL", DEFAULT_PERMANENT_QR_REPLY_TTL),
          env.duration("WORKER_TEMPLATE_LINK_TTL", DEFAULT_TEMPLATE_TTL),
          env.duration("WORKER_PUBLISH_LINK_TTL", DEFAULT_PUBLISH_TTL));
    }
  }

  public Links(Correlations correlations, JsonMapper mapper, Settings settings, MenuWatch menus) {
    this.correlations = correlations;
    this.mapper = mapper;
    this.settings = settings;
    this.menus = menus;
  }

  /**
   * WeChat accepted {@code plain}, a call of {@code plan}: a menu call's click keys are remembered
   * and checked against the reply rules. Returns the answer the result carries: {@code ok}, and for
   * a menu/create what the check found.
   */
  Ok menuAnswered(CallPlan plan, ApiCall.Plain plain, Ok ok) {
    Map<String, Object> found = menus.answered(plan.appid(), plain.request(), ok.fields());
    if (found.isEmpty()) {
      return ok;
    }
    Map<String, Object> fields = new LinkedHashMap<>(ok.fields());
    fields.putAll(found);
    return new Ok(ok.errcode(), ok.errmsg(), fields);
  }

  /** A chunk of {@code plan}'s broadcast went out as {@code msgId}. */
  void broadcastSent(CallPlan plan, int chunk, long msgId) {
    correlations.rememberBroadcast(
        plan.appid(), msgId, new BroadcastRef(plan.commandId(), chunk), settings.broadcastTtl());
  }

  /**
   * WeChat accepted {@code plan}'s one call: a template message's {@code msgid} is matched to the
   * command, for its TEMPLATESENDJOBFINISH. Returns that finish when it came first (the events
   * consumer kept it: a retry after a lost answer, or a take-over, is answered after WeChat pushed
   * it): the caller publishes it.
   */
  Optional<TemplateFinished> answered(CallPlan plan, Ok ok) {
    if (!plan.commandType().equals(EventType.TEMPLATE_SEND.value())
        || !(ok.fields().get("msgid") instanceof Number number)) {
      return Optional.empty();
    }
    long msgId = number.longValue();
    correlations.rememberTemplate(plan.appid(), msgId, plan.commandId(), settings.templateTtl());
    return correlations
        .templateFinish(plan.appid(), msgId)
        .map(finish -> finish.joinedTo(plan.commandId(), msgId));
  }

  /**
   * WeChat accepted {@code plan}'s freepublish/submit: its {@code publish_id} (a string or a
   * number) is matched to the command, for its PUBLISHJOBFINISH. Returns that finish when it came
   * first (the push can overtake the write of the link): the caller publishes it.
   */
  Optional<PublishFinished> submitted(CallPlan plan, Ok ok) {
    if (!plan.commandType().equals(EventType.PUBLISH_SUBMIT.value())) {
      return Optional.empty();
    }
    Optional<String> answered = publishId(ok.fields().get("publish_id"));
    if (answered.isEmpty()) {
      return Optional.empty();
    }
    String publishId = answered.get();
    correlations.rememberPublish(plan.appid(), publishId, plan.commandId(), settings.publishTtl());
    return correlations
        .publishFinish(plan.appid(), publishId)
        .map(finish -> finish.joinedTo(plan.commandId(), publishId));
  }

  /** A publish_id as its digits, whether WeChat wrote it as a number or a string. */
  static Optional<String> publishId(@Nullable Object value) {
    String id =
        switch (value) {
          case Number n -> Long.toString(n.longValue());
          case String s -> s.trim();
          case null, default -> "";
        };
    return id.matches("[0-9]{1,20}") ? Optional.of(id) : Optional.empty();
  }

  /** {@code plan}'s QR code exists: remember its reply for its scene. */
  void qrCodeCreated(CallPlan plan) {
    plan.qrReply().ifPresent(reply -> remember(plan.appid(), reply));
  }

  /** A temporary code's reply lives as long as the code; a permanent one's as configured. */
  private void remember(String appid, QrReply reply) {
    Duration ttl = reply.lifetime().orElse(settings.permanentQrReplyTtl());
    correlations.rememberQrReply(
        appid, reply.scene().asEventKey(), mapper.writeValueAsString(reply.message()), ttl);
  }
}
