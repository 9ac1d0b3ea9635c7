package io.wxrelay.sim.push;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.menu.MenuStore;
import io.wxrelay.sim.menu.MenuStores;
import io.wxrelay.sim.qrcode.Tickets;
import io.wxrelay.sim.qrcode.Tickets.Ticket;
import io.wxrelay.sim.rules.SimRules;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

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
  private final MenuStores menus;
  private final AtomicLong msgIds = new AtomicLong(24_381_723_894_718_972L);

  public UserActions(
      Accounts accounts,
      Tickets tickets,
      PushClient pushes,
      SimRules rules,
      InstantSource clock,
      MenuStores menus) {
    this.accounts = accounts;
    this.tickets = tickets;
    this.pushes = pushes;
    this.rules = rules;
    this.clock = clock;
    this.menus = menus;
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
    Ticket t = liveTicket(appid, ticket, now);
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

  /**
   * Clicks a menu item by its key, whatever the menu says: {@code CLICK} with the key; opens a
   * short window.
   */
  public long click(String appid, String openid, String key) {
    AppConfig app = app(appid);
    Instant now = clock.instant();
    population(appid).interact(openid, now, rules.eventWindow(), rules.eventWindowQuota());
    return pushes.send(app, event(app, openid, now, "CLICK", key, null));
  }

  /**
   * Taps a button of the menu {@code openid} sees (docs/wechat-api.md §11.4), named by {@code name}
   * or by {@code path} ({@code i} or {@code i/j}): a click button pushes {@code CLICK} with its key
   * (and opens a short window), a view button {@code VIEW} with its url and the menu's id; a
   * media_id or article button pushes nothing (0).
   *
   * @throws IllegalArgumentException when that user's menu has no such button, or its type is one
   *     the simulator does not tap (scan, photo, location, mini program)
   */
  public long tap(String appid, String openid, String name, String path) {
    MenuStore.Menu menu = menus.menuOf(appid, openid);
    JsonNode button = menu.button(name, path);
    String type = button.path("type").asString("");
    return switch (type) {
      case "click" -> click(appid, openid, button.path("key").asString());
      case "view" -> view(appid, openid, button.path("url").asString(), menu.menuid());
      case "media_id", "article_id", "article_view_limited" -> 0;
      default ->
          throw new IllegalArgumentException("the simulator does not tap " + type + " buttons");
    };
  }

  private long view(String appid, String openid, String url, long menuId) {
    AppConfig app = app(appid);
    Instant now = clock.instant();
    String xml = eventXml(app, openid, now, "VIEW", url, null).number("MenuId", menuId).build();
    String dedupe = openid + ":" + now.getEpochSecond() + ":VIEW";
    return pushes.send(app, new Push(app.appid(), openid, "event:VIEW", dedupe, xml));
  }

  private static PushXml eventXml(
      AppConfig app, String openid, Instant now, String event, String eventKey, String ticket) {
    return PushXml.of(app.originalId(), openid, now.getEpochSecond(), "event")
        .text("Event", event)
        .text("EventKey", eventKey)
        .text("Ticket", ticket);
  }

  private static Push event(
      AppConfig app, String openid, Instant now, String event, String eventKey, String ticket) {
    String xml = eventXml(app, openid, now, event, eventKey, ticket).build();
    String dedupe = openid + ":" + now.getEpochSecond() + ":" + event;
    return new Push(app.appid(), openid, "event:" + event, dedupe, xml);
  }

  /**
   * Checks that {@code ticket} is a live QR ticket of {@code appid}, as {@link #scan} would.
   *
   * @throws IllegalArgumentException for an unknown app, an unknown or expired ticket, or another
   *     app's
   */
  public void requireTicket(String appid, String ticket) {
    app(appid);
    liveTicket(appid, ticket, clock.instant());
  }

  private Ticket liveTicket(String appid, String ticket, Instant now) {
    return tickets
        .find(ticket, now)
        .filter(found -> found.appid().equals(appid))
        .orElseThrow(
            () -> new IllegalArgumentException("no live ticket " + ticket + " for " + appid));
  }

  private AppConfig app(String appid) {
    return accounts.app(appid).orElseThrow(() -> new IllegalArgumentException("no app " + appid));
  }

  private Population population(String appid) {
    return accounts.population(appid);
  }
}
