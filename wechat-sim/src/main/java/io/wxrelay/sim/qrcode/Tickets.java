package io.wxrelay.sim.qrcode;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** QR tickets handed out by qrcode/create, and what scanning one means. */
public final class Tickets {
  /**
   * One QR code.
   *
   * @param scene scene_id digits or scene_str, as scan events carry it in EventKey
   * @param expiresAt null for permanent codes
   * @param url the code's content, {@code http://weixin.qq.com/q/...}
   */
  public record Ticket(String appid, String ticket, String scene, Instant expiresAt, String url) {}

  private static final String URL_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Ticket> byTicket = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> permanentByApp = new ConcurrentHashMap<>();

  /** A new ticket. Tickets hold {@code +}, {@code /} and {@code =}, like WeChat's. */
  public Ticket create(String appid, String scene, Instant expiresAt) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < 22; i++) {
      path.append(URL_CHARS.charAt(random.nextInt(URL_CHARS.length())));
    }
    String url = "http://weixin.qq.com/q/" + path;
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    bytes[0] = (byte) 0xfb; // makes the Base64 start with "+", as real tickets can
    String ticket = "gQ" + Base64.getEncoder().encodeToString(bytes);
    Ticket created = new Ticket(appid, ticket, scene, expiresAt, url);
    byTicket.put(ticket, created);
    if (expiresAt == null) {
      permanentByApp.computeIfAbsent(appid, a -> new AtomicInteger()).incrementAndGet();
    }
    return created;
  }

  /** Permanent codes created for {@code appid} (WeChat allows 100,000). */
  public int permanentCount(String appid) {
    AtomicInteger n = permanentByApp.get(appid);
    return n == null ? 0 : n.get();
  }

  /** The ticket if it exists and has not expired. */
  public Optional<Ticket> find(String ticket, Instant now) {
    Ticket t = ticket == null ? null : byTicket.get(ticket);
    if (t == null || (t.expiresAt() != null && !now.isBefore(t.expiresAt()))) {
      return Optional.empty();
    }
    return Optional.of(t);
  }
}
