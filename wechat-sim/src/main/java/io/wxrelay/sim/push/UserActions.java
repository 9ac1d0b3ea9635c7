package io.wxrelay.sim.push;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.qrcode.Tickets;
import io.wxrelay.sim.qrcode.Tickets.Ticket;
import io.wxrelay.sim.rules.SimRules;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator acting as a user: what a person does in the WeChat app, each turned into the state
 * change and the push WeChat would make. Each method returns the push id (0: no callback).
 */
public final class UserActions {
  private final Accounts accounts;
  private final Tickets tickets;
  private final PushClient pushes;
  private final SimRules rules;
  private final InstantSource clock;
  private final AtomicLong msgIds = new AtomicLong(24_381_723_894_718_972L);

  public UserActions(
      Accounts accounts, Tickets tickets, PushClient pushes, SimRules rules, InstantSource clock) {
    this.accounts = accounts;
    this.tickets = tickets;
    this.pushes = pushes;
    this.rules = rules;
    this.clock = clock;
  }

  /** Follows the account: {@code subscribe}. */
  public long follow(String appid, String openid) {
    AppConfig app = app(appid);
    Instant now = clock.instant();
    population(appid).follow(openid, now, rules.eventWindow(), rules.eventWindowQuota());
    return pushes.send(app, event(app, openid, now, "subscribe", null, null));
  }

  /** Unfollows: {@code unsubscribe}; customer-service messages now fail with 45015. */
  public long unfollow(String appid, String openid) {
    AppConfig app = app(appid);
    population(appid).unfollow(openid);
    return pushes.send(app, event(app, openid, clock.instant(), "unsubscribe", null, null));
  }

  /**
   * Scans a QR ticket: a non-follower follows and WeChat pushes {@code subscribe} with {@code
   * qrscene_<scene>}; a follower gets {@code SCAN} with the scene.
   *
   * @throws IllegalArgumentException for an unknown or expired ticket, or another app's
   */
  public long scan(String appid, String openid, String ticket) {
    AppConfig app = app(appid);
    Instant now = clock.instant();
    Ticket t =
        tickets
            .find(ticket, now)
            .filter(found -> found.appid().equals(appid))
            .orElseThrow(
                () -> new IllegalArgumentException("no live ticket " + ticket + " for " + appid));
    boolean newFollower =
        population(appid)
            .follow(openid, now, rules.eventWindow(), rules.eventWindowQuota(), t.scene());
    return newFollower
        ? pushes.send(app, event(app, openid, now, "subscribe", "qrscene_" + t.scene(), t.ticket()))
        : pushes.send(app, event(app, openid, now, "SCAN", t.scene(), t.ticket()));
  }

  /** Sends the account a text message; opens the 48-hour customer-service window. */
  public long text(String appid, String openid, String content) {
    AppConfig app = app(appid);
    Instant now = clock.instant();
    Population population = population(appid);
    if (population.find(openid).filter(f -> f.following()).isEmpty()) {
      throw new IllegalArgumentException(openid + " does not follow " + appid);
    }
    population.interact(openid, now, rules.messageWindow(), rules.messageWindowQuota());
    long msgId = msgIds.incrementAndGet();
    String xml =
        PushXml.of(app.originalId(), openid, now.getEpochSecond(), "text")
            .text("Content", content)
            .number("MsgId", msgId)
            .build();
    return pushes.send(app, new Push(appid, openid, "message:text", Long.toString(msgId), xml));
  }

  /** Clicks a menu item: {@code CLICK} with the key; opens a short window. */
  public long click(String appid, String openid, String key) {
    AppConfig app = app(appid);
    Instant now = clock.instant();
    population(appid).interact(openid, now, rules.eventWindow(), rules.eventWindowQuota());
    return pushes.send(app, event(app, openid, now, "CLICK", key, null));
  }

  private static Push event(
      AppConfig app, String openid, Instant now, String event, String eventKey, String ticket) {
    String xml =
        PushXml.of(app.originalId(), openid, now.getEpochSecond(), "event")
            .text("Event", event)
            .text("EventKey", eventKey)
            .text("Ticket", ticket)
            .build();
    String dedupe = openid + ":" + now.getEpochSecond() + ":" + event;
    return new Push(app.appid(), openid, "event:" + event, dedupe, xml);
  }

  private AppConfig app(String appid) {
    return accounts.app(appid).orElseThrow(() -> new IllegalArgumentException("no app " + appid));
  }

  private Population population(String appid) {
    return accounts.population(appid);
  }
}
