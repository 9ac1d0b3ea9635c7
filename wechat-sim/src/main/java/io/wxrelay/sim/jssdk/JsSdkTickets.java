package io.wxrelay.sim.jssdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.rules.WeChatError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * JS-SDK tickets with WeChat's semantics (docs/wechat-api.md §12): per account and type ({@code
 * jsapi}, {@code wx_card}) the same ticket while valid, answered with the full lifetime as {@code
 * expires_in} each time; a new one only in the token's renewal window, the old one valid to its own
 * end; a daily quota of getticket calls (45009 beyond it, settable). And the check {@code
 * wx.config} makes of a page's signature. Days are China days.
 */
public final class JsSdkTickets {
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  /** No number is published ("非常有限"); one account saw 45009 after about 10,000 a day. */
  public static final int DEFAULT_DAILY_QUOTA = 10_000;

  private final SimRules rules;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Held> held = new HashMap<>();
  private final Map<String, Integer> dailyQuota = new HashMap<>();

  /** One account's tickets of one type; guarded by the authority's lock. */
  private static final class Held {
    final List<Issued> issued = new ArrayList<>();
    LocalDate day;
    int callsToday;
  }

  private record Issued(String value, Instant expiresAt) {}

  /** A ticket as getticket answers it; {@code issued} when this call created it. */
  public record Grant(String ticket, long expiresIn, boolean issued) {}

  public JsSdkTickets(SimRules rules, InstantSource clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /** {@code getticket} for {@code appid}'s {@code type} (the token already checked). */
  public synchronized Grant get(String appid, String type) {
    if (!type.equals("jsapi") && !type.equals("wx_card")) {
      throw WeChatError.forCode(40097).withMessage("invalid args");
    }
    Instant now = clock.instant();
    Held tickets = held.computeIfAbsent(appid + " " + type, k -> new Held());
    LocalDate today = LocalDate.ofInstant(now, CHINA);
    if (!today.equals(tickets.day)) {
      tickets.day = today;
      tickets.callsToday = 0;
    }
    if (tickets.callsToday >= dailyQuota.getOrDefault(appid, DEFAULT_DAILY_QUOTA)) {
      throw WeChatError.DAILY_QUOTA.exception();
    }
    tickets.callsToday++;
    tickets.issued.removeIf(t -> !now.isBefore(t.expiresAt()));
    long life = rules.tokenTtl().toSeconds();
    if (!tickets.issued.isEmpty()) {
      Issued current = tickets.issued.getLast();
      if (now.isBefore(current.expiresAt().minus(rules.stableRenewBefore()))) {
        return new Grant(current.value(), life, false);
      }
    }
    Issued fresh = new Issued(newTicket(), now.plus(rules.tokenTtl()));
    tickets.issued.add(fresh);
    return new Grant(fresh.value(), life, true);
  }

  /** Sets {@code appid}'s daily getticket quota (per type). */
  public synchronized void setDailyQuota(String appid, int daily) {
    dailyQuota.put(appid, daily);
  }

  /**
   * Whether {@code signature} is one of {@code appid}'s valid jsapi tickets' for the page {@code
   * url} (its fragment dropped), {@code timestamp} and {@code nonceStr}: as {@code wx.config}
   * checks.
   */
  public synchronized boolean signatureValid(
      String appid, String url, long timestamp, String nonceStr, String signature) {
    Held tickets = held.get(appid + " jsapi");
    if (tickets == null) {
      return false;
    }
    Instant now = clock.instant();
    int hash = url.indexOf('#');
    String page = hash < 0 ? url : url.substring(0, hash);
    for (Issued ticket : tickets.issued) {
      if (now.isBefore(ticket.expiresAt())) {
        String string1 =
            String.format(
                "jsapi_ticket=%s&noncestr=%s&timestamp=%d&url=%s",
                ticket.value(), nonceStr, timestamp, page);
        if (sha1(string1).equals(signature)) {
          return true;
        }
      }
    }
    return false;
  }

  private String newTicket() {
    byte[] bytes = new byte[64];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String sha1(String text) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(text.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
