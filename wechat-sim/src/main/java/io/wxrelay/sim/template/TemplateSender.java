package io.wxrelay.sim.template;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Follower;
import io.wxrelay.sim.push.Push;
import io.wxrelay.sim.push.PushClient;
import io.wxrelay.sim.push.PushXml;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.truth.TemplateDelivery;
import io.wxrelay.sim.truth.Truth;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends template messages (docs/wechat-api.md §9.2–9.3): checks template, receiver and data,
 * applies the client_msg_id memory and the daily quota, records the message in the truth and,
 * shortly after, pushes TEMPLATESENDJOBFINISH with its msgid to the account.
 */
public final class TemplateSender implements AutoCloseable {
  private static final int MAX_URL_LENGTH = 1024;

  /** One template/send request; {@code data} maps each key to its value (null when missing). */
  public record Message(
      String touser, String templateId, String url, String clientMsgId, Map<String, String> data) {}

  private final SimRules rules;
  private final InstantSource clock;
  private final Accounts accounts;
  private final TemplateStores stores;
  private final PushClient pushes;
  private final Truth truth;
  private final AtomicLong msgIds = new AtomicLong(2_002_283_320L);
  private final ScheduledExecutorService finisher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("sim-template").factory());

  public TemplateSender(
      SimRules rules,
      InstantSource clock,
      Accounts accounts,
      TemplateStores stores,
      PushClient pushes,
      Truth truth) {
    this.rules = rules;
    this.clock = clock;
    this.accounts = accounts;
    this.stores = stores;
    this.pushes = pushes;
    this.truth = truth;
  }

  /**
   * Sends {@code message} for {@code appid}; returns its msgid. The same openid and client_msg_id
   * within 10 minutes answers errcode 0 with the first send's msgid and sends nothing. WeChat only
   * documents that one message goes out; this reply is the simulator's assumption.
   */
  public long send(String appid, Message message) {
    TemplateStore store = stores.of(appid);
    TemplateStore.Template template =
        store.find(message.templateId()).orElseThrow(WeChatError.INVALID_TEMPLATE_ID::exception);
    if (message.url() != null && message.url().length() > MAX_URL_LENGTH) {
      throw WeChatError.INVALID_URL_SIZE.exception();
    }
    TemplateData.check(template, message.data());
    Follower.View user =
        accounts
            .population(appid)
            .view(String.valueOf(message.touser()))
            .orElseThrow(WeChatError.INVALID_OPENID::exception);
    if (!user.following()) {
      throw WeChatError.REQUIRE_SUBSCRIBE.exception();
    }
    if (user.refusesMessages()) {
      throw WeChatError.USER_REFUSED.exception();
    }
    Instant now = clock.instant();
    TemplateStore.Admission admission =
        store.admit(user.openid(), message.clientMsgId(), now, msgIds::incrementAndGet);
    if (!admission.duplicate()) {
      deliver(appid, message, admission.msgId(), now);
    }
    return admission.msgId();
  }

  private void deliver(String appid, Message message, long msgId, Instant now) {
    truth.templateDelivered(
        new TemplateDelivery(
            appid,
            message.touser(),
            message.templateId(),
            msgId,
            message.clientMsgId(),
            message.url(),
            message.data(),
            now));
    finisher.schedule(
        () -> finished(appid, message.touser(), msgId),
        rules.massFinishDelay().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void finished(String appid, String openid, long msgId) {
    AppConfig app = accounts.app(appid).orElseThrow();
    String xml =
        PushXml.of(app.originalId(), openid, clock.instant().getEpochSecond(), "event")
            .text("Event", "TEMPLATESENDJOBFINISH")
            .number("MsgID", msgId)
            .text("Status", "success")
            .build();
    pushes.send(
        app, new Push(appid, openid, "event:TEMPLATESENDJOBFINISH", Long.toString(msgId), xml));
  }

  @Override
  public void close() {
    finisher.shutdownNow();
  }
}
